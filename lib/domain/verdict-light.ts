// The metric verdicts' say in the status light while traffic is on the new version (canary or
// production): a firing rollback trigger is the rollback state; a gating rule that cannot vouch for
// the metrics is an attention state with the word UNVERIFIED, so a silent feed never reads ON TRACK.
// Null when the verdicts have nothing to say and statusLight decides. Pure.
//
// It slots into statusLight (status-light.ts) right after metricsLight, for runs at canary/production.
import { holdReason, isGatingNow, hasFreshData, liveValueText, type TJudgedRule } from "./checkpoint-gate";
import type { TMetricStage } from "./metric-catalog";
import { silenceMs } from "./rule-verdict";
import type { TStatusLight } from "./status-light";

export type TVerdictLight = TStatusLight & { word: "ROLLBACK" | "ATTENTION" | "UNVERIFIED" };

/** The stages at which metrics decide whether the rollout is on track. */
export const VERIFIED_STAGES: readonly TMetricStage[] = ["canary", "production"];

export function verdictLight(input: { stage: TMetricStage | null; rules: readonly TJudgedRule[]; now: number }): TVerdictLight | null {
  const { now } = input;
  if (!input.stage || !VERIFIED_STAGES.includes(input.stage)) return null;
  const gating = input.rules.filter(isGatingNow);
  const rollback = gating.find((r) => r.severity === "rollback" && r.state.status === "firing");
  if (rollback) return { state: "rollback", word: "ROLLBACK", reason: `ROLLBACK RECOMMENDED: ${rollback.label} (${liveValueText(rollback, now)})` };
  const escalation = gating.find((r) => r.severity === "escalate" && r.state.status === "firing");
  if (escalation) return { state: "attention", word: "ATTENTION", reason: `${escalation.label}: ${liveValueText(escalation, now)}` };
  const unverified = gating.find((r) => r.state.status === "inconclusive" && r.rule.onNoData !== "ignore");
  if (unverified) return { state: "attention", word: "UNVERIFIED", reason: holdReason(unverified, now)! };
  if (!gating.some(hasFreshData)) {
    const reason = gating.length === 0 ? "No metric rule verifies this stage" : `No fresh data for ${Math.floor(Math.max(...gating.map((r) => silenceMs(r.state, now))) / 60_000)} min`;
    return { state: "attention", word: "UNVERIFIED", reason };
  }
  const pending = gating.find((r) => r.severity === "rollback" && r.state.status === "pending");
  if (pending) return { state: "attention", word: "ATTENTION", reason: holdReason(pending, now)! };
  return null;
}
