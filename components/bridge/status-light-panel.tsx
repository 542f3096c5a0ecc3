import { lightWords, type TStatusLight, type TStatusLightState } from "@/lib/domain/status-light";

// Word + icon + colour: the verdict survives colour blindness, glare and a grayscale projector.
const LOOK: Record<TStatusLightState, { block: string; halo: string }> = {
  on_track: { block: "bg-emerald-600 text-white", halo: "bg-white/20" },
  attention: { block: "bg-amber-400 text-slate-950", halo: "bg-slate-950/15" },
  rollback: { block: "bg-red-600 text-white", halo: "bg-white/20" },
};

export function StatusLightPanel({ light }: { light: TStatusLight }) {
  const look = { ...LOOK[light.state], ...lightWords(light) };
  return (
    <section
      role="status"
      aria-live="polite"
      data-testid="bridge-status-light"
      data-state={light.state}
      data-word={lightWords(light).word}
      className={`flex items-center gap-8 rounded-2xl px-10 py-5 ${look.block}`}
    >
      <span aria-hidden="true" className={`flex h-36 w-36 shrink-0 items-center justify-center rounded-full text-8xl font-black ${look.halo}`}>
        {look.icon}
      </span>
      <div className="min-w-0">
        {/* One line whatever the word: "ROLLED BACK" at the size of "ON TRACK" would wrap and squeeze the charts. */}
        <p className={`${look.word.length > 9 ? "text-8xl" : "text-9xl"} leading-none font-black tracking-tight whitespace-nowrap`}>{look.word}</p>
        <p className="mt-3 truncate text-4xl font-semibold" data-testid="bridge-status-reason">{light.reason}</p>
      </div>
    </section>
  );
}
