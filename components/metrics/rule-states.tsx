// Every rule's state, one line each: a word and a colour (never colour alone), the rule, and the
// aggregate it judged at its latest evaluation with its age (or why there is none; for a pending rule
// how long of its window it has been breaching; a compare rule its medians, difference, U and p).
// Rollback triggers and escalations gate the rollout and come first. A finished run's rules are no
// longer evaluated: each line says it is the final state (when the run ended is said above them).
import { inconclusiveReason, liveValueText } from "@/lib/domain/checkpoint-gate";
import { judgedRule } from "@/lib/domain/rule-semantics";
import { formatMetricValue } from "@/lib/domain/metric-catalog";
import { formatStopwatch } from "@/lib/domain/time-format";
import { type TRuleView } from "@/lib/domain/metric-events";
import { pendingProgressText } from "@/lib/domain/metric-recommendations";
import { RULE_STATE_LABELS, SEVERITY_GROUP_LABELS, type TRuleSeverity } from "@/lib/domain/metric-rules";
import type { TRunEnding } from "@/lib/domain/run-ending";
import { UserText } from "@/components/ui/user-text";

const GROUPS: TRuleSeverity[] = ["rollback", "escalate", "success"];

/** The status the evaluator holds now (live), or the one last recorded before any live figure. */
export const statusOf = (rule: TRuleView) => rule.verdict?.status ?? rule.state;

/** A compare rule with no canary left to compare (all traffic on the new version): it rests. */
const isResting = (rule: TRuleView) => rule.verdict?.inconclusive?.kind === "no_canary";

function chip(rule: TRuleView): { text: string; className: string } {
  if (!rule.isEnabled) return { text: "Off", className: "border border-slate-300 text-slate-600" };
  if (isResting(rule)) return { text: "Idle", className: "border border-slate-300 text-slate-600" };
  const status = statusOf(rule);
  if (status === "inconclusive") return { text: RULE_STATE_LABELS.inconclusive, className: "border-2 border-dashed border-slate-500 bg-slate-100 text-slate-800" };
  if (rule.severity === "success") {
    return status === "firing" ? { text: "Met", className: "bg-emerald-700 text-white" } : { text: "Not met", className: "border border-slate-400 text-slate-800" };
  }
  switch (status) {
    case "firing":
      return { text: "Firing", className: rule.severity === "rollback" ? "bg-red-700 text-white" : "bg-amber-500 text-slate-950" };
    case "pending":
      return { text: "Pending", className: "border-2 border-amber-500 text-amber-900" };
    case "ok":
      return { text: "OK", className: "bg-emerald-100 text-emerald-900" };
  }
}

/** The current aggregate and its age ("8.1% on canary, 0:04 ago"), or why there is none. */
function detail(rule: TRuleView, now: Date, ending: TRunEnding | null): string {
  if (!rule.isEnabled) return "disabled";
  if (ending) {
    const stage = rule.valueStage && rule.valueStage !== "overall" ? ` on ${rule.valueStage}` : "";
    const value = rule.value === null ? "" : ` · last value ${formatMetricValue(rule.value, rule.unit)}${stage}`;
    // When the run ended is said once, above the rules (metrics-panel.tsx).
    return `final${value}`;
  }
  const judged = judgedRule(rule, { customMetrics: [] }, now.getTime());
  const at = now.getTime();
  if (statusOf(rule) === "inconclusive" || isResting(rule)) return inconclusiveReason(judged, at);
  const value = liveValueText(judged, at);
  if (statusOf(rule) === "pending") return `${value} · ${pendingProgressText(rule, now)}`;
  if (statusOf(rule) === "firing" && rule.verdict?.clearSince) return `${value} · clear for ${formatStopwatch(at - rule.verdict.clearSince)} of ${formatStopwatch(rule.semantics.recoveryMinutes * 60_000)}`;
  return value;
}

/** `dataSources` names the Prometheus a PromQL rule queries; without it the row says only "PromQL". */
type TProps = { rules: TRuleView[]; now: Date; ending: TRunEnding | null; dataSources?: readonly { id: string; name: string }[] };

export function RuleStates({ rules, now, ending, dataSources = [] }: TProps) {
  const nameOf = (id: string) => dataSources.find((d) => d.id === id)?.name;
  return (
    <div className="space-y-2">
      {GROUPS.map((severity) => {
        const group = rules.filter((r) => r.severity === severity);
        if (group.length === 0) return null;
        return (
          <div key={severity}>
            <h3 className="text-xs font-bold tracking-wide text-slate-700 uppercase">{SEVERITY_GROUP_LABELS[severity]}</h3>
            <ul className="mt-0.5 divide-y divide-slate-100">
              {group.map((rule) => {
                const look = chip(rule);
                const text = detail(rule, now, ending);
                return (
                  <li
                    key={rule.id}
                    className="flex items-baseline gap-2 py-0.5 text-sm"
                    data-testid="rule-state"
                    data-state={statusOf(rule)}
                    data-rule={rule.label}
                    data-compare={rule.verdict?.compare?.outcome}
                    data-final={ending ? "true" : undefined}
                  >
                    <span className={`w-20 shrink-0 rounded px-1.5 py-0.5 text-center text-xs font-bold ${look.className}`}>{look.text}</span>
                    <span className="min-w-0 shrink-0 text-slate-900 md:max-w-[45%] md:truncate" title={rule.label}><UserText>{rule.label}</UserText></span>
                    {rule.source.kind === "promql" && <PromqlTag dataSourceName={rule.source.dataSourceId ? nameOf(rule.source.dataSourceId) : undefined} isRemoved={!rule.source.dataSourceId} />}
                    {text && <span className="min-w-0 flex-1 truncate text-right text-xs text-slate-600 tabular-nums" title={text} data-testid="rule-detail">{text}</span>}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </div>
  );
}

/** "· PromQL on “main”": the rule's values come from its own query, not from pushes. */
function PromqlTag({ dataSourceName, isRemoved }: { dataSourceName: string | undefined; isRemoved: boolean }) {
  return (
    <span className="ml-1 text-xs text-slate-600" data-testid="rule-source">
      · PromQL{isRemoved ? " (its data source was removed)" : dataSourceName ? <> on “<UserText>{dataSourceName}</UserText>”</> : null}
    </span>
  );
}
