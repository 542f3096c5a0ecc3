// How a finished run ended, in words every screen shares: the status light's word, the phrase a rule's
// final state is labelled with ("final: firing when the run was rolled back at 14:32 UTC"). A finished
// run's rules are no longer evaluated (lib/metrics/monitor.ts stops at the end states), so whatever
// they showed last is their final state, and a screen must say so rather than look live. Pure.
import type { TRuleSeverity, TRuleState } from "./metric-rules";
import type { TRunStatus } from "./run-status";
import { formatUtcMinute } from "./time-format";

export type TEndStatus = "completed" | "rolled_back" | "aborted";
export type TRunEnding = { status: TEndStatus; endedAt: string | null };

const END_STATUSES: readonly TRunStatus[] = ["completed", "rolled_back", "aborted"];

/** The run's ending, or null while it can still change. */
export function runEnding(run: { status: TRunStatus; endedAt: string | null }): TRunEnding | null {
  return END_STATUSES.includes(run.status) ? { status: run.status as TEndStatus, endedAt: run.endedAt } : null;
}

const ENDED_VERBS: Record<TEndStatus, string> = {
  completed: "completed",
  rolled_back: "was rolled back",
  aborted: "was aborted",
};

/** "when the run was rolled back at 14:32 UTC" (without the time when it is not known). */
export function endingPhrase(ending: TRunEnding): string {
  const at = ending.endedAt ? ` at ${formatUtcMinute(ending.endedAt)}` : "";
  return `when the run ${ENDED_VERBS[ending.status]}${at}`;
}

/** A rule's state in the words its chip uses: success criteria are met or not, the others fire. */
export function ruleStateWord(severity: TRuleSeverity, state: TRuleState): string {
  if (state === "inconclusive") return "unverified";
  if (severity === "success") return state === "firing" ? "met" : "not met";
  return state;
}

/** "final: firing when the run was rolled back at 14:32 UTC". */
export function finalRuleText(rule: { severity: TRuleSeverity; state: TRuleState }, ending: TRunEnding): string {
  return `final: ${ruleStateWord(rule.severity, rule.state)} ${endingPhrase(ending)}`;
}
