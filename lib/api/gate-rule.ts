// The gate a pipeline waits on: the people's go/no-go poll and the metrics' verdict together. Pure
// (the run's state passed in). It never says go on inconclusive data: no poll, an open poll, a rule
// without fresh data or still pending all hold; a firing rule, a RESCHEDULE or a rollback no-go.
import type { TGoNoGoState } from "../domain/go-no-go";
import type { TAlertView, TRuleView } from "../domain/metric-events";

export const GATE_DECISIONS = ["go", "hold", "no_go"] as const;
export type TGateDecision = (typeof GATE_DECISIONS)[number];
export type TGateReason = { source: "poll" | "metrics" | "rollback"; decision: TGateDecision; message: string };
export type TGate = { decision: TGateDecision; reasons: TGateReason[] };

type TGateInput = {
  goNoGo: TGoNoGoState;
  rules: readonly (Pick<TRuleView, "label" | "state" | "isEnabled"> & Partial<Pick<TRuleView, "verdict">>)[];
  alerts: readonly Pick<TAlertView, "label" | "decision">[];
};

function pollReason(goNoGo: TGoNoGoState): TGateReason {
  // Rounds from before the run last entered go/no-go are history, not today's answer.
  const round = goNoGo.rounds.filter((r) => r.openedSeq >= goNoGo.enteredSeq).at(-1);
  if (!round) return { source: "poll", decision: "hold", message: "No go/no-go poll has been held yet." };
  if (round.status === "open") return { source: "poll", decision: "hold", message: `The go/no-go poll (round ${round.round}) is still open.` };
  if (round.override) return { source: "poll", decision: "go", message: `The go/no-go poll was overridden by ${round.override.byName}: ${round.override.reason}` };
  if (round.outcome === "proceed") return { source: "poll", decision: "go", message: `The go/no-go poll (round ${round.round}) said PROCEED.` };
  return { source: "poll", decision: "no_go", message: `The go/no-go poll (round ${round.round}) said RESCHEDULE.` };
}

/** A compare rule with no canary left (the rollout at 100%) rests: it has a say only if still firing. */
const isResting = (r: TGateInput["rules"][number]) => r.verdict?.inconclusive?.kind === "no_canary" && r.state !== "firing";

function ruleReasons(rules: TGateInput["rules"]): TGateReason[] {
  const enabled = rules.filter((r) => r.isEnabled && !isResting(r));
  if (enabled.length === 0) return [{ source: "metrics", decision: "hold", message: "No metric rule is enabled: nothing judges the metrics." }];
  const reasons: TGateReason[] = [];
  for (const rule of enabled) {
    if (rule.state === "firing") reasons.push({ source: "metrics", decision: "no_go", message: `“${rule.label}” is firing.` });
    else if (rule.state === "inconclusive") reasons.push({ source: "metrics", decision: "hold", message: `“${rule.label}” is unverified: no fresh data.` });
    else if (rule.state === "pending") reasons.push({ source: "metrics", decision: "hold", message: `“${rule.label}” is breaching (pending).` });
  }
  return reasons.length ? reasons : [{ source: "metrics", decision: "go", message: `All ${enabled.length} metric rules are ok with fresh data.` }];
}

function rollbackReasons(alerts: TGateInput["alerts"]): TGateReason[] {
  return alerts
    .filter((a) => a.decision !== "continue")
    .map((a) => ({ source: "rollback", decision: "no_go", message: a.decision === "rollback" ? `A rollback was decided: ${a.label}.` : `A rollback is recommended: ${a.label}.` }));
}

export function decideGate({ goNoGo, rules, alerts }: TGateInput): TGate {
  const reasons = [pollReason(goNoGo), ...ruleReasons(rules), ...rollbackReasons(alerts)];
  const decision: TGateDecision = reasons.some((r) => r.decision === "no_go") ? "no_go" : reasons.some((r) => r.decision === "hold") ? "hold" : "go";
  // What holds it first: a pipeline prints these.
  const rank: Record<TGateDecision, number> = { no_go: 0, hold: 1, go: 2 };
  return { decision, reasons: reasons.sort((a, b) => rank[a.decision] - rank[b.decision]) };
}
