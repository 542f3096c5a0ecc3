import type { TPublicView } from "@/lib/domain/public-status";
import type { TStatusLightState } from "@/lib/domain/status-light";

// Word + icon + colour, as on the bridge: the verdict survives colour blindness and a dim phone.
const LOOK: Record<TStatusLightState, { word: string; icon: string; block: string }> = {
  on_track: { word: "On track", icon: "✓", block: "bg-emerald-700 text-white" },
  attention: { word: "Needs attention", icon: "⚠", block: "bg-amber-300 text-slate-950" },
  rollback: { word: "Rollback recommended", icon: "⟲", block: "bg-red-700 text-white" },
};

/** A finished run is history, not a verdict: its word is how it ended, in the status page's words. */
const ENDED_ICONS: Partial<Record<TPublicView["status"], string>> = { completed: "✓", rolled_back: "⟲", aborted: "■" };

/**
 * The verdict in one block. A red light before the team has decided is a recommendation ("Rolling
 * back" would tell stakeholders too much too soon); once finished, the block says how it ended and
 * where from once ("Rolled back · from 10% of production traffic"), never the stage word again below.
 */
export function StatusLightCard({ view }: { view: TPublicView }) {
  const { light } = view;
  const endedIcon = view.isFinished ? ENDED_ICONS[view.status] : undefined;
  const look = endedIcon
    ? { ...LOOK[light.state], word: view.stage, icon: endedIcon }
    : light.word === "UNVERIFIED"
      ? // Never "On track" without evidence: the metrics that would say so are not arriving.
        { ...LOOK.attention, word: "Unverified", icon: "?" }
      : light.word === "PAUSED"
        ? // A lock or freeze holds the deployment (lib/domain/public-status.ts says which, never why).
          { ...LOOK.attention, word: "Paused", icon: "⏸" }
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
        {/* Finished: the word is the stage; the line below says where it ended and when. */}
        {!endedIcon && <p className="mt-0.5 text-base font-semibold" data-testid="status-stage">{view.stage}</p>}
        <p className="mt-1 text-sm break-words opacity-90" data-testid="status-reason">{light.reason}</p>
      </div>
    </section>
  );
}
