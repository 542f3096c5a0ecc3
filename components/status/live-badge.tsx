import type { TStatusConnection } from "@/lib/share/client/status-feed";

const LOOK: Record<Exclude<TStatusConnection, "invalid">, { label: string; dot: string }> = {
  connecting: { label: "Connecting", dot: "bg-amber-500" },
  live: { label: "Live", dot: "bg-emerald-600" },
  reconnecting: { label: "Reconnecting", dot: "bg-amber-500 animate-pulse" },
};

/** Whether the page is receiving updates, by word and colour. */
export function LiveBadge({ connection }: { connection: TStatusConnection }) {
  if (connection === "invalid") return null;
  const { label, dot } = LOOK[connection];
  return (
    <span
      role="status"
      aria-live="polite"
      data-testid="status-connection"
      data-state={connection}
      className="inline-flex shrink-0 items-center gap-2 rounded-full border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800"
    >
      <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${dot}`} />
      {label}
    </span>
  );
}
