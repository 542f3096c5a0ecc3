import type { TStatusLight, TStatusLightState } from "@/lib/domain/status-light";

// Word + icon + colour, as on the bridge: the verdict survives colour blindness and a dim phone.
const LOOK: Record<TStatusLightState, { word: string; icon: string; block: string }> = {
  on_track: { word: "On track", icon: "✓", block: "bg-emerald-700 text-white" },
  attention: { word: "Needs attention", icon: "⚠", block: "bg-amber-300 text-slate-950" },
  rollback: { word: "Rolling back", icon: "⟲", block: "bg-red-700 text-white" },
};

/** A red light before the team has decided is a recommendation: "Rolling back" would tell stakeholders too much too soon. */
export function StatusLightCard({ light, stage, isRolledBack }: { light: TStatusLight; stage: string; isRolledBack: boolean }) {
  const look =
    light.state === "rollback" && !isRolledBack
      ? { ...LOOK.rollback, word: "Rollback recommended" }
      : light.word === "UNVERIFIED"
        ? // Never "On track" without evidence: the metrics that would say so are not arriving.
          { ...LOOK.attention, word: "Unverified", icon: "?" }
        : LOOK[light.state];
  return (
    <section
      role="status"
      aria-live="polite"
      aria-label="Status"
      data-testid="status-light"
      data-state={light.state}
      data-word={look.word}
      className={`flex items-center gap-4 rounded-xl px-5 py-4 ${look.block}`}
    >
      <span aria-hidden="true" className="flex h-14 w-14 shrink-0 items-center justify-center rounded-full bg-black/10 text-3xl font-black">
        {look.icon}
      </span>
      <div className="min-w-0">
        <p className="text-2xl leading-tight font-extrabold" data-testid="status-light-word">{look.word}</p>
        <p className="mt-0.5 text-base font-semibold" data-testid="status-stage">{stage}</p>
        <p className="mt-1 text-sm break-words opacity-90" data-testid="status-reason">{light.reason}</p>
      </div>
    </section>
  );
}
