import { lightWords, type TStatusLight, type TStatusLightState } from "@/lib/domain/status-light";

/** The light's colours on a light page (the tower's rows use them too). */
export const LIGHT_TONE: Record<TStatusLightState, string> = {
  on_track: "bg-emerald-700 text-white",
  attention: "bg-amber-300 text-slate-950",
  rollback: "bg-red-700 text-white",
};

/** The bridge's verdict in the war room's header: the same word, so a lead and the room say the same thing. */
export function StatusLightChip({ light }: { light: TStatusLight }) {
  const { word, icon } = lightWords(light);
  return (
    <p role="status" aria-live="polite" data-testid="run-status-light" data-state={light.state} data-word={word} className={`max-w-xs rounded-md px-3 py-1 ${LIGHT_TONE[light.state]}`}>
      <span className="text-lg font-black"><span aria-hidden="true">{icon} </span>{word}</span>
      <span className="block truncate text-xs font-semibold" data-testid="run-status-light-reason" title={light.reason}>{light.reason}</span>
    </p>
  );
}
