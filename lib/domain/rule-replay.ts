// Around the incremental evaluator: replaying a sample series across time (what the monitor does,
// one interval at a time, for tests and for back-filled charts), and deciding which state changes
// become timeline events. Pure.
import type { TRuleSeverity, TSample } from "./metric-rules";
import { evaluateVerdict, type TRuleVerdictState, type TVerdictRule, type TVerdictStatus, type TVerdictStep } from "./rule-verdict";

export type TReplayInput = {
  samples: readonly TSample[];
  denominator?: readonly TSample[];
  /** First evaluation time; then one every interval up to `to` (inclusive). */
  from: number;
  to: number;
  /** The data source's error at an evaluation time, if any. */
  providerErrorAt?: (at: number) => string | null;
  /** Evaluation times at which a lead resolves the firing rule. */
  leadResolvesAt?: readonly number[];
};

export type TReplayStep = TVerdictStep & { at: number };

/** Every evaluation from `from` to `to`, each seeing only the samples stamped up to its time. */
export function replayVerdicts(rule: TVerdictRule, input: TReplayInput): TReplayStep[] {
  const stepMs = rule.intervalSeconds * 1000;
  const steps: TReplayStep[] = [];
  let state: TRuleVerdictState | null = null;
  for (let at = input.from; at <= input.to; at += stepMs) {
    const step = evaluateVerdict(
      rule,
      state,
      {
        samples: input.samples,
        denominator: input.denominator,
        providerError: input.providerErrorAt?.(at) ?? null,
        isResolvedByLead: input.leadResolvesAt?.includes(at) ?? false,
      },
      at,
    );
    steps.push({ ...step, at });
    state = step.state;
  }
  return steps;
}

/** The status changes of a replay, as the timeline would get them if every change were recorded. */
export function statusChanges(steps: readonly TReplayStep[]): { at: number; from: TVerdictStatus; to: TVerdictStatus }[] {
  const changes: { at: number; from: TVerdictStatus; to: TVerdictStatus }[] = [];
  let from: TVerdictStatus = "inconclusive";
  for (const step of steps) {
    if (step.state.status !== from) changes.push({ at: step.at, from, to: step.state.status });
    from = step.state.status;
  }
  return changes;
}

export type TRecorded = { status: TVerdictStatus; at: number } | null;

/**
 * Should the rule's current status become a timeline event? Escalation and rollback rules: on every
 * change from the status last recorded, at once (a firing must never wait). Success criteria flap
 * with every noisy sample and gate nothing, so they are recorded at most once per window: a change
 * inside the window waits, and is dropped if the status flapped back before the window ended.
 */
export function shouldRecordStatus(input: {
  severity: TRuleSeverity;
  status: TVerdictStatus;
  lastRecorded: TRecorded;
  windowMinutes: number;
  now: number;
}): boolean {
  const { lastRecorded } = input;
  if (lastRecorded && lastRecorded.status === input.status) return false;
  if (input.severity !== "success" || !lastRecorded) return true;
  return input.now - lastRecorded.at >= input.windowMinutes * 60_000;
}
