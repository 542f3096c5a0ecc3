// Whether a screen is receiving live updates, by colour and by word: the war room's header and the
// bridge (dark) and the public status page (light) show the same four states the same way.
export type TLiveness = "connecting" | "live" | "reconnecting" | "offline";

const LABELS: Record<TLiveness, string> = { connecting: "Connecting", live: "Live", reconnecting: "Reconnecting", offline: "Offline" };

// Each tone has its own shades so the dot keeps its contrast on that background.
const DOTS: Record<"dark" | "light", Record<TLiveness, string>> = {
  dark: { connecting: "bg-amber-400", live: "bg-emerald-400", reconnecting: "bg-amber-400 animate-pulse", offline: "bg-red-500" },
  light: { connecting: "bg-amber-500", live: "bg-emerald-600", reconnecting: "bg-amber-500 animate-pulse", offline: "bg-red-600" },
};

const FRAMES: Record<"dark" | "light", string> = {
  dark: "border-slate-600 text-white",
  light: "shrink-0 border-slate-300 bg-white text-slate-800",
};

/** `state` is the connection's own name for where it is (tests read it as data-state). */
export function ConnectionBadge({ liveness, state, tone, testId }: { liveness: TLiveness; state: string; tone: "dark" | "light"; testId: string }) {
  return (
    <span
      role="status"
      aria-live="polite"
      data-testid={testId}
      data-state={state}
      className={`inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm font-medium ${FRAMES[tone]}`}
    >
      <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${DOTS[tone][liveness]}`} />
      {LABELS[liveness]}
    </span>
  );
}
