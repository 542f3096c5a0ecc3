import { ConnectionBadge } from "@/components/ui/connection-badge";
import type { TStatusConnection } from "@/lib/share/client/status-feed";

/** Whether the page is receiving updates, by word and colour (nothing once the link is no longer valid). */
export function LiveBadge({ connection }: { connection: TStatusConnection }) {
  if (connection === "invalid") return null;
  return <ConnectionBadge liveness={connection} state={connection} tone="light" testId="status-connection" />;
}
