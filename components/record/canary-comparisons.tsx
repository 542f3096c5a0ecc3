// The record's "Canary vs production": each compare rule, its latest comparison (medians, difference,
// U, p and the outcome) and the comparison behind each status change it recorded.
import type { TComparisonResult } from "@/lib/domain/record-comparisons";
import { formatUtcDateMinute } from "@/lib/domain/time-format";
import { UserText } from "@/components/ui/user-text";

const when = (iso: string) => formatUtcDateMinute(iso);

export function CanaryComparisons({ comparisons }: { comparisons: readonly TComparisonResult[] }) {
  return (
    <ul className="space-y-3 text-sm">
      {comparisons.map((c) => (
        <li key={c.ruleId} data-testid="record-comparison">
          <p className="font-semibold text-slate-900">
            <UserText>{c.label}</UserText> <span className="font-normal text-slate-700">— {c.status}{c.isEnabled ? "" : " (disabled)"}</span>
          </p>
          <p className="text-slate-800 tabular-nums" data-testid="record-comparison-latest">
            Latest{c.latestAt ? ` (${when(c.latestAt)})` : ""}: {c.latest ?? "not compared yet"}
          </p>
          {c.changes.length > 0 && (
            <ul className="mt-1 text-slate-700 tabular-nums">
              {c.changes.map((ch, i) => (
                <li key={i}>
                  <span className="font-mono text-xs">{when(ch.at)}</span> → {ch.status}{ch.comparison && `: ${ch.comparison}`}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
