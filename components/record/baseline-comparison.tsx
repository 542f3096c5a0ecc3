// This run's metrics against the baseline the service's last completed run ended on: value, baseline,
// change and whether that is better or worse (lower is better for every one of them).
import { compareWithBaseline, formatBaselineValue, formatDelta, type TBaselineMetrics, type TComparison } from "@/lib/domain/baseline";
import { formatUtcDateMinute } from "@/lib/domain/time-format";
import { UserText } from "@/components/ui/user-text";

type TProps = {
  baseline: { name: string; targetVersion: string; endedAt: string; metrics: TBaselineMetrics };
  current: Readonly<Record<string, number>>;
  /** "Now" in the war room, "This run" in a record. */
  currentLabel?: string;
  /** Already compared (a record keeps its comparison); otherwise compared here. */
  rows?: TComparison[];
};

const ARROWS: Record<NonNullable<TComparison["direction"]>, string> = { up: "▲", down: "▼", flat: "≈" };
const VERDICT_CLASS: Record<NonNullable<TComparison["verdict"]>, string> = {
  better: "text-emerald-800",
  worse: "font-bold text-red-800",
  same: "text-slate-600",
};

export function BaselineComparison({ baseline, current, currentLabel = "Now", rows: given }: TProps) {
  const rows = given ?? compareWithBaseline(current, baseline.metrics);
  return (
    <section aria-labelledby="baseline-heading" className="rounded-lg border border-slate-200 bg-white p-4 print:break-inside-avoid" data-testid="baseline-comparison">
      <h2 id="baseline-heading" className="text-lg font-bold text-slate-900">Against the last baseline</h2>
      <p className="text-xs text-slate-600">
        <UserText>{baseline.name}</UserText> (<UserText>{baseline.targetVersion}</UserText>), completed {formatUtcDateMinute(baseline.endedAt)}
      </p>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No metrics to compare yet.</p>
      ) : (
        <table className="mt-2 w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-slate-600">
              <th scope="col" className="font-medium">Metric</th>
              <th scope="col" className="pl-2 text-right font-medium">{currentLabel}</th>
              <th scope="col" className="pl-2 text-right font-medium">Baseline</th>
              <th scope="col" className="pl-2 text-right font-medium">Change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-t border-slate-100" data-testid="baseline-row" data-metric={row.key} data-verdict={row.verdict ?? "none"}>
                <th scope="row" className="py-1 text-left font-medium text-slate-900"><UserText>{row.label}</UserText></th>
                <td className="py-1 pl-2 text-right font-mono">{formatBaselineValue(row.current, row.unit)}</td>
                <td className="py-1 pl-2 text-right font-mono text-slate-700">{formatBaselineValue(row.baseline, row.unit)}</td>
                <td className={`py-1 pl-2 text-right font-mono text-xs ${row.verdict ? VERDICT_CLASS[row.verdict] : "text-slate-500"}`}>
                  {row.direction && <span aria-hidden="true">{ARROWS[row.direction]} </span>}
                  {formatDelta(row)}
                  {row.verdict && <span className="sr-only"> ({row.verdict})</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
