// The tower's two looks: the desktop page (light, inside the app's frame) and the TV (dark, large,
// read across a room at 1920×1080 like the bridge).
export type TTowerVariant = "desktop" | "tv";

export const TOWER_LOOK: Record<TTowerVariant, Record<"light" | "row" | "cell" | "link" | "muted" | "alarm" | "warn" | "heading" | "tableFrame" | "table" | "headRow" | "headCell" | "badge" | "card", string>> = {
  desktop: {
    light: "px-2 py-1 text-base",
    row: "border-b border-slate-100 last:border-0 align-top",
    cell: "px-3 py-2",
    link: "text-blue-800 hover:underline",
    muted: "text-slate-600",
    alarm: "font-bold text-red-700",
    warn: "font-semibold text-amber-800",
    heading: "mb-2 text-xl font-bold text-slate-900",
    tableFrame: "overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm",
    table: "text-sm text-slate-900",
    headRow: "border-b border-slate-200 text-slate-700",
    headCell: "px-3 py-2 font-semibold",
    badge: "text-xs",
    card: "rounded-lg border border-slate-200 bg-white p-4 shadow-sm",
  },
  tv: {
    light: "px-3 py-2 text-3xl",
    row: "border-b border-slate-800 last:border-0 align-top",
    cell: "px-4 py-3",
    link: "text-white",
    muted: "text-slate-400",
    alarm: "font-black text-red-400",
    warn: "font-bold text-amber-300",
    heading: "mb-3 text-3xl font-bold text-white",
    tableFrame: "rounded-xl border border-slate-700 bg-slate-900",
    table: "text-2xl text-white",
    headRow: "border-b border-slate-700 text-slate-400",
    headCell: "px-4 py-2 text-xl font-semibold",
    badge: "text-lg",
    card: "rounded-xl border border-slate-700 bg-slate-900 p-5",
  },
};
