"use client";
import { ConnectionBadge, type TLiveness } from "@/components/ui/connection-badge";
import { type TConnectionState, useConnectionState } from "@/lib/realtime/client/client";

const LIVENESS: Record<TConnectionState, TLiveness> = { connecting: "connecting", connected: "live", reconnecting: "reconnecting", offline: "offline" };

/** Shows whether this screen is receiving live updates, by colour and by word. */
export function ConnectionIndicator() {
  const state = useConnectionState();
  return <ConnectionBadge liveness={LIVENESS[state]} state={state} tone="dark" testId="connection-indicator" />;
}
