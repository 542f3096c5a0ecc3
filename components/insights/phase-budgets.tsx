// Phase durations against the runbook's budgets: "Staging: median 52 min vs budget 30–45 min".
import type { TPhaseBudgetRow } from "@/lib/domain/phase-budgets";
import { formatSpan } from "@/lib/domain/dora-format";
import { formatBudget } from "@/lib/domain/time-format";
import { UserText } from "@/components/ui/user-text";

const VERDICT: Record<TPhaseBudgetRow["verdict"], { text: string; className: string }> = {
  over: { text: "▲ Over budget", className: "text-red-800" },
  under: { text: "▼ Under budget", className: "text-sky-800" },
  within: { text: "✓ Within budget", className: "text-emerald-800" },
  no_data: { text: "No finished phase", className: "text-slate-600" },
};

export function PhaseBudgets({ rows, runCount }: { rows: TPhaseBudgetRow[]; runCount: number }) {
  if (rows.length === 0) return <p className="text-slate-700">No run completed in these weeks.</p>;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">Over the last {runCount} completed {runCount === 1 ? "run" : "runs"}: a budget most runs overshoot is one to recalibrate in the runbook.</p>
      <ul className="grid gap-2 md:grid-cols-2 xl:grid-cols-3" data-testid="phase-budgets">
        {rows.map((row) => {
          const verdict = VERDICT[row.verdict];
          return (
            <li key={row.key} className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" data-testid="phase-budget" data-verdict={row.verdict}>
              <p className="text-slate-900">
                <strong><UserText>{row.title}</UserText></strong>: median <strong>{row.medianMinutes === null ? "—" : formatSpan(row.medianMinutes)}</strong> vs budget {formatBudget(row.budgetMinMinutes, row.budgetMaxMinutes)}
              </p>
              <p className={`font-semibold ${verdict.className}`}>
                {verdict.text}
                {row.runs > 0 && <span className="font-normal text-slate-700"> · {row.overBudget} of {row.runs} over</span>}
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
