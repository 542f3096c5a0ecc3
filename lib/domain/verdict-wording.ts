// The words the record and the comms templates take from the verdicts, so neither can claim what
// no data showed: a stage is "✅ Successful" only with data, and the in-progress metrics line is
// computed ("all green", "unverified: no data for 4 min", "error rate 7% on canary, rollback
// recommended"), never a static "All green ✅". Pure.
import { isGatingNow, hasFreshData, type TJudgedRule } from "./checkpoint-gate";
import { formatMetricValue } from "./metric-catalog";
import { formatStopwatch } from "./time-format";
import { silenceMs, type TVerdictStatus } from "./rule-verdict";

/** Under a minute without data (the seconds before a feed's first sample) does not unverify a stage. */
const UNVERIFIED_AFTER_MS = 60_000;

export type TStatusMark = { at: number; status: TVerdictStatus };

/**
 * How long a rule spent in `status` during [from, to], from its recorded status changes (oldest
 * first). Before its first change a rule has no verdict: inconclusive.
 */
export function timeInStatus(marks: readonly TStatusMark[], status: TVerdictStatus, from: number, to: number): number {
  let total = 0;
  // Interval i runs from mark i to mark i + 1; interval −1 is the time before the first mark.
  for (let i = -1; i < marks.length; i++) {
    if ((i < 0 ? "inconclusive" : marks[i].status) !== status) continue;
    const start = i < 0 ? Number.NEGATIVE_INFINITY : marks[i].at;
    const end = i + 1 < marks.length ? marks[i + 1].at : Number.POSITIVE_INFINITY;
    total += Math.max(0, Math.min(end, to) - Math.max(start, from));
  }
  return total;
}

export type TStageEvidence = {
  /** Samples the stage's gating rules judged. */
  sampleCount: number;
  /** The longest time any gating rule spent inconclusive during the stage. */
  noDataMs: number;
};

/**
 * The record's verdict for a rollout stage: the rollout's own wording (record sections' stepVerdict)
 * unless it claims success the data cannot back, which becomes "Unverified — no data for 14 min".
 */
export function stageRecordVerdict(rolloutVerdict: string, evidence: TStageEvidence): string {
  if (!rolloutVerdict.startsWith("✅")) return rolloutVerdict;
  const minutes = Math.floor(evidence.noDataMs / 60_000);
  if (evidence.sampleCount > 0 && evidence.noDataMs < UNVERIFIED_AFTER_MS) return rolloutVerdict;
  return minutes > 0 ? `Unverified — no data for ${minutes} min` : "Unverified — no data";
}

const onStage = (r: Pick<TJudgedRule, "stage">) => (r.stage && r.stage !== "overall" ? ` on ${r.stage}` : "");
const valueOf = (r: TJudgedRule) => (r.state.live ? ` ${formatMetricValue(r.state.live.value, r.unit)}` : "");

function unverifiedText(r: TJudgedRule, now: number): string {
  switch (r.state.inconclusive?.kind ?? "no_data") {
    case "provider_error":
      return `unverified: ${r.metricLabel.toLowerCase()} data source failing`;
    case "too_few_samples":
      return `unverified: too few ${r.metricLabel.toLowerCase()} samples`;
    default:
      return `unverified: no data for ${Math.floor(silenceMs(r.state, now) / 60_000)} min`;
  }
}

/** The in-progress template's metrics line, from the gating rules' verdicts at `now`. */
export function metricsLine(rules: readonly TJudgedRule[], now: number): string {
  const gating = rules.filter(isGatingNow);
  const firing = (severity: TJudgedRule["severity"]) => gating.find((r) => r.severity === severity && r.state.status === "firing");
  const rollback = firing("rollback");
  if (rollback) return `${rollback.metricLabel.toLowerCase()}${valueOf(rollback)}${onStage(rollback)}, rollback recommended`;
  const escalation = firing("escalate");
  if (escalation) return `${escalation.metricLabel.toLowerCase()}${valueOf(escalation)}${onStage(escalation)}, investigating`;
  const silent = gating.filter((r) => r.state.status === "inconclusive" && r.rule.onNoData !== "ignore");
  if (silent.length > 0) return unverifiedText(silent[0], now);
  if (gating.length === 0) return "unverified: no metric rules";
  if (!gating.some(hasFreshData)) return unverifiedText(gating[0], now);
  const pending = gating.find((r) => r.state.status === "pending");
  if (pending) {
    const held = pending.rule.mode.kind === "sustained" ? ` for ${formatStopwatch(now - (pending.state.breachSince ?? now))}` : "";
    return `${pending.metricLabel.toLowerCase()}${valueOf(pending)}${onStage(pending)}, over threshold${held}: watching`;
  }
  return "all green";
}
