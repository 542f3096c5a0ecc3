/** Where a change made on this screen stands: waiting for the connection, on its way, sent, or refused. */
export type TSendState = { kind: "waiting" | "sending" | "sent" } | { kind: "refused"; reason: string };

/** How long "Sent" stays on a change that had to wait for the connection. */
export const SENT_SHOWN_MS = 4000;

const LOOK = {
  waiting: { text: "Waiting to send: it goes when the connection is back", className: "border-amber-500 bg-amber-50 text-amber-950", icon: "⟳" },
  sending: { text: "Sending…", className: "border-slate-300 bg-slate-50 text-slate-800", icon: "…" },
  sent: { text: "Sent", className: "border-emerald-600 bg-emerald-50 text-emerald-950", icon: "✓" },
  refused: { text: "Refused", className: "border-red-600 bg-red-50 text-red-950", icon: "✕" },
} as const;

/**
 * Where a change made on this screen stands when it is not simply done: a change made offline must
 * not pass for a committed one (nor for a faded button), and a refusal says why. "Sending" on a
 * healthy connection lasts a few milliseconds, so it is left to aria-busy rather than flashed.
 */
export function SendStateNote({ state, testId = "send-state" }: { state: TSendState | undefined; testId?: string }) {
  if (!state || state.kind === "sending") return null;
  const look = LOOK[state.kind];
  return (
    <p role="status" data-testid={testId} data-state={state.kind} className={`mt-1 inline-flex items-center gap-1.5 rounded border px-2 py-0.5 text-sm font-semibold ${look.className}`}>
      <span aria-hidden="true">{look.icon}</span>
      {look.text}
      {state.kind === "refused" && <span className="font-normal">: {state.reason}</span>}
    </p>
  );
}
