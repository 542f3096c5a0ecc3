// The bridge's compact line per compare rule, read across a room: which rule, how far the canary is
// from production against what is allowed, p, and PASS / FAIL / INCONCLUSIVE in words (never colour
// alone). Nothing while no rule compares, or once there is no canary left to compare.
import { compareShortText } from "@/lib/domain/compare-wording";
import type { TRuleView } from "@/lib/domain/metric-events";
import { UserText } from "@/components/ui/user-text";

const TONE = { pass: "text-emerald-300", fail: "text-red-300", inconclusive: "text-slate-300" } as const;

export function BridgeComparisons({ rules }: { rules: readonly TRuleView[] }) {
  const compared = rules.filter((r) => r.isEnabled && r.compare && r.verdict?.compare && r.verdict.inconclusive?.kind !== "no_canary");
  if (compared.length === 0) return null;
  return (
    <ul className="space-y-1" aria-label="Canary vs production" data-testid="bridge-comparisons">
      {compared.map((rule) => {
        const figures = rule.verdict!.compare!;
        return (
          <li key={rule.id} className="flex items-baseline gap-3 overflow-hidden whitespace-nowrap" data-testid="bridge-comparison" data-outcome={figures.outcome}>
            <span className="truncate text-2xl text-slate-300"><UserText>{rule.label}</UserText></span>
            <span className={`shrink-0 font-mono text-3xl font-bold tabular-nums ${TONE[figures.outcome]}`}>{compareShortText(figures)}</span>
          </li>
        );
      })}
    </ul>
  );
}
