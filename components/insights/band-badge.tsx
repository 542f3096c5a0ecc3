import { BAND_LABELS, type TDoraBand } from "@/lib/domain/dora-bands";

// The band's word is always shown; colour only repeats it. Elite and High read as good, Medium as a
// warning, Low as a problem.
const LOOK: Record<TDoraBand, string> = {
  elite: "bg-emerald-700 text-white",
  high: "bg-sky-700 text-white",
  medium: "bg-amber-400 text-slate-950",
  low: "bg-red-700 text-white",
};

export function BandBadge({ band, size = "md" }: { band: TDoraBand | null; size?: "md" | "sm" }) {
  const text = size === "md" ? "px-2.5 py-0.5 text-sm" : "px-1.5 py-0 text-xs";
  if (!band) return <span className={`inline-block rounded border border-slate-300 bg-white font-semibold text-slate-600 ${text}`} data-testid="dora-band" data-band="none">No data</span>;
  return <span className={`inline-block rounded font-bold tracking-wide uppercase ${text} ${LOOK[band]}`} data-testid="dora-band" data-band={band}>{BAND_LABELS[band]}</span>;
}
