"use client";
import { type TConnectionState, useConnectionState } from "@/lib/realtime/client/client";

const look: Record<TConnectionState, { label: string; dot: string }> = {
  connecting: { label: "Connecting", dot: "bg-amber-400" },
  connected: { label: "Live", dot: "bg-emerald-400" },
  reconnecting: { label: "Reconnecting", dot: "bg-amber-400 animate-pulse" },
  offline: { label: "Offline", dot: "bg-red-500" },
};

/** Shows whether this screen is receiving live updates, by colour and by word. */
export function ConnectionIndicator() {
  const state = useConnectionState();
  const { label, dot } = look[state];
  return (
    <span
      role="status"
      aria-live="polite"
      data-testid="connection-indicator"
      data-state={state}
      className="inline-flex items-center gap-2 rounded-full border border-slate-600 px-3 py-1 text-sm font-medium text-white"
    >
      <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${dot}`} />
      {label}
    </span>
  );
}
