// Every rule's live state: a word and a colour (never colour alone), the value it judged, and for a
// pending rule how long of its window it has been breaching.
import { formatMetricValue, STAGE_LABELS } from "@/lib/domain/metric-catalog";
import { type TRuleView } from "@/lib/domain/metric-events";
import { pendingProgressText } from "@/lib/domain/metric-recommendations";
import { RULE_STATE_LABELS, SEVERITY_LABELS, type TRuleSeverity } from "@/lib/domain/metric-rules";
import { UserText } from "@/components/ui/user-text";

const GROUPS: TRuleSeverity[] = ["rollback", "escalate", "success"];

function chip(rule: TRuleView): { text: string; className: string } {
  if (!rule.isEnabled) return { text: "Off", className: "border border-slate-300 text-slate-600" };
  if (rule.severity === "success") {
    return rule.state === "firing"
      ? { text: "Met", className: "bg-emerald-700 text-white" }
      : rule.state === "no_data"
        ? { text: "No data", className: "bg-slate-200 text-slate-700" }
        : { text: "Not met", className: "border border-slate-400 text-slate-800" };
  }
  switch (rule.state) {
    case "firing":
      return { text: "Firing", className: rule.severity === "rollback" ? "bg-red-700 text-white" : "bg-amber-500 text-slate-950" };
    case "pending":
      return { text: "Pending", className: "border-2 border-amber-500 text-amber-900" };
    case "resolved":
      return { text: "Resolved", className: "border border-emerald-600 text-emerald-800" };
    case "ok":
      return { text: "OK", className: "bg-emerald-100 text-emerald-900" };
    case "no_data":
      return { text: RULE_STATE_LABELS.no_data, className: "bg-slate-200 text-slate-700" };
  }
}

function detail(rule: TRuleView, now: Date): string {
  if (!rule.isEnabled) return "disabled";
  const value = rule.value === null ? "" : formatMetricValue(rule.value, rule.window.kind === "count" ? "" : rule.unit);
  const stage = rule.valueStage && rule.valueStage !== "overall" ? ` · ${STAGE_LABELS[rule.valueStage]}` : "";
  if (rule.state === "pending") return `${value}${stage} · ${pendingProgressText(rule, now)}`;
  return value ? `${value}${stage}` : "";
}

export function RuleStates({ rules, now }: { rules: TRuleView[]; now: Date }) {
  return (
    <div className="grid gap-4 md:grid-cols-3">
      {GROUPS.map((severity) => {
        const group = rules.filter((r) => r.severity === severity);
        if (group.length === 0) return null;
        return (
          <div key={severity}>
            <h3 className="text-sm font-bold tracking-wide text-slate-700 uppercase">{SEVERITY_LABELS[severity]}s</h3>
            <ul className="mt-1 space-y-1.5">
              {group.map((rule) => {
                const look = chip(rule);
                return (
                  <li key={rule.id} className="flex items-start gap-2 text-sm" data-testid="rule-state" data-state={rule.state} data-rule={rule.label}>
                    <span className={`mt-0.5 shrink-0 rounded px-1.5 py-0.5 text-xs font-bold ${look.className}`}>{look.text}</span>
                    <span className="min-w-0">
                      <span className="text-slate-900"><UserText>{rule.label}</UserText></span>
                      {detail(rule, now) && <span className="block text-xs text-slate-600 tabular-nums">{detail(rule, now)}</span>}
                    </span>
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
