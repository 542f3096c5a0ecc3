// The bridge's compact line per compare rule, read across a room: which rule, then PASS / FAIL /
// INCONCLUSIVE in words (never colour alone), how far the canary is from production against what is
// allowed, and p. Nothing while no rule compares, or once there is no canary left to compare.
import { COMPARE_OUTCOME_WORDS, formatDifference, formatP, tooFewSamplesText } from "@/lib/domain/compare-wording";
import type { TRuleView } from "@/lib/domain/metric-events";
import { UserText } from "@/components/ui/user-text";

const TONE = { pass: "text-emerald-300", fail: "text-red-300", inconclusive: "text-slate-300" } as const;

export function BridgeComparisons({ rules }: { rules: readonly TRuleView[] }) {
  const compared = rules.filter((r) => r.isEnabled && r.compare && r.verdict?.compare && r.verdict.inconclusive?.kind !== "no_canary");
  if (compared.length === 0) return null;
  return (
    <ul className="space-y-2" aria-label="Canary vs production" data-testid="bridge-comparisons">
      {compared.map((rule) => {
        const f = rule.verdict!.compare!;
        const isJudged = f.outcome !== "inconclusive" && f.p !== null;
        return (
          <li key={rule.id} className="min-w-0" data-testid="bridge-comparison" data-outcome={f.outcome}>
            <p className="truncate text-xl text-slate-300"><UserText>{rule.label}</UserText></p>
            <p className="flex items-baseline gap-3 overflow-hidden whitespace-nowrap tabular-nums">
              <span className={`text-3xl font-black ${TONE[f.outcome]}`}>{COMPARE_OUTCOME_WORDS[f.outcome]}</span>
              {isJudged ? (
                <>
                  <span className="text-2xl font-bold text-white">{formatDifference(f)} (allowed {f.allowedDifferencePercent}%)</span>
                  <span className="text-xl text-slate-400">p={formatP(f.p!)}</span>
                </>
              ) : (
                <span className="truncate text-xl text-slate-300">{tooFewSamplesText(f)}</span>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
