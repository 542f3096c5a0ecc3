// Which series a rule judges at one evaluation. A rule bound to a stage judges that stage. A rule
// for "every stage" (the seed's rules) judges every stage with fresh data and the worst counts —
// breaching over inconclusive over ok — and, while the rollout is under way, the stage taking the
// new version's traffic must have data of its own: a dead canary feed beside a healthy production
// feed is inconclusive, not ok. Samples sent without a stage ("overall") speak for it. Pure.
import type { TMetricStage } from "./metric-catalog";
import type { TSample, TStageSeries } from "./metric-rules";
import { evaluateVerdict, type TEvaluationOutcome, type TRuleVerdictState, type TVerdictRule, type TVerdictStep } from "./rule-verdict";

export type TStagedStep = TVerdictStep & { stage: TMetricStage | null };

const RANK: Record<TEvaluationOutcome, number> = { ok: 0, inconclusive: 1, breaching: 2 };

const newest = (samples: readonly TSample[], now: number) =>
  samples.reduce((latest, s) => (s.at <= now && s.at > latest ? s.at : latest), Number.NEGATIVE_INFINITY);

export function evaluateAcrossStages(input: {
  rule: TVerdictRule;
  /** The rule's own stage; null: every stage. */
  stage: TMetricStage | null;
  series: readonly TStageSeries[];
  /** ratio only: the denominator metric's series. */
  denominator?: readonly TStageSeries[];
  /** The stage the rollout is verifying now (verifiedStage), if any. */
  verifiedStage: TMetricStage | null;
  previous: TRuleVerdictState | null;
  providerError?: string | null;
  isResolvedByLead?: boolean;
  now: number;
}): TStagedStep {
  const { rule, now } = input;
  const samplesOf = (list: readonly TStageSeries[] | undefined, stage: TMetricStage) => list?.find((s) => s.stage === stage)?.samples ?? [];
  const step = (stage: TMetricStage | null): TStagedStep => ({
    ...evaluateVerdict(
      rule,
      input.previous,
      {
        samples: stage ? samplesOf(input.series, stage) : [],
        denominator: input.denominator && stage ? samplesOf(input.denominator, stage) : undefined,
        providerError: input.providerError ?? null,
        isResolvedByLead: input.isResolvedByLead ?? false,
      },
      now,
    ),
    stage,
  });
  if (input.stage) return step(input.stage);

  const staleMs = rule.staleAfterSeconds * 1000;
  const isFresh = (s: TStageSeries) => now - newest(s.samples, now) < staleMs;
  const fresh = input.series.filter(isFresh).map((s) => s.stage);
  const verified = input.verifiedStage;
  if (verified && !fresh.includes(verified) && !fresh.includes("overall")) fresh.push(verified);
  // Nothing fresh anywhere: judge the most recent series, so the age on screen is the real one.
  if (fresh.length === 0) {
    const latest = [...input.series].sort((a, b) => newest(b.samples, now) - newest(a.samples, now))[0];
    return step(latest?.stage ?? null);
  }
  const steps = fresh.map(step);
  return steps.reduce((worst, s) => (RANK[s.outcome] > RANK[worst.outcome] ? s : worst));
}

/** At most this much history is replayed at once: a rule's lookback is minutes, not hours. */
const MAX_CATCH_UP_MS = 30 * 60_000;

/**
 * The evaluations a rule missed before `now`, to replay from its samples: the ones since its last
 * evaluation (a restart, a busy instance), or — judged for the first time — since its oldest sample
 * in the lookback (a feed that back-fills the last minutes). Without samples nothing is replayed: a
 * silent feed's "no sample for" counts from the first evaluation. Ascending, `now` excluded.
 */
export function catchUpTimes(input: { previous: TRuleVerdictState | null; intervalMs: number; oldestSampleAt: number | null; lookbackMs: number; now: number }): number[] {
  const { previous, intervalMs, now } = input;
  const earliest = now - Math.min(input.lookbackMs, MAX_CATCH_UP_MS);
  const from = previous ? previous.lastEvaluatedAt + intervalMs : input.oldestSampleAt;
  if (from === null || !Number.isFinite(from)) return [];
  const times: number[] = [];
  for (let at = Math.max(from, earliest); at < now; at += intervalMs) times.push(at);
  return times;
}

/**
 * The state a rule's replay starts from. Normally its last state. A back-fill — samples older than
 * its last evaluation, sent late (a feed catching up, an exporter's history pushed at once) —
 * re-judges a rule that had no verdict (inconclusive) from scratch over its samples: the evaluations
 * that found its window empty are judged again with the samples that fill it, so "sustained" counts
 * sample time, not arrival time. A rule with a verdict keeps it (a lead may have acted on it); the
 * late samples enter its next windows.
 */
export function replayStart(previous: TRuleVerdictState | null, oldestNewSampleAt: number | null): TRuleVerdictState | null {
  if (!previous || oldestNewSampleAt === null) return previous;
  return previous.status === "inconclusive" && oldestNewSampleAt < previous.lastEvaluatedAt ? null : previous;
}
