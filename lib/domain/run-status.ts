// The run's status machine: the one place that says which moves are legal and why not.
// Gates (e.g. the go/no-go poll) plug in through TTransitionContext.gates.
import type { TPhaseKey } from "./template-definition";

const HAPPY_PATH = [
  "planned",
  "pre_deployment",
  "staging",
  "smoke_tests",
  "go_no_go",
  "production",
  "validation",
  "monitoring",
  "completed",
] as const;

/** Every status: the happy path plus the ways a run can leave it. */
export const RUN_STATUSES = [...HAPPY_PATH, "rolled_back", "rescheduled", "aborted"] as const;
export type TRunStatus = (typeof RUN_STATUSES)[number];

/** The happy path, in order. */
export const FORWARD_FLOW: readonly TRunStatus[] = HAPPY_PATH;

export const STATUS_LABELS: Record<TRunStatus, string> = {
  planned: "Planned",
  pre_deployment: "Pre-deployment",
  staging: "Staging",
  smoke_tests: "Smoke tests",
  go_no_go: "Go / No-Go",
  production: "Production rollout",
  validation: "Validation",
  monitoring: "Monitoring",
  completed: "Completed",
  rolled_back: "Rolled back",
  rescheduled: "Rescheduled",
  aborted: "Aborted",
};

/** Which checklist phase a status works through (go/no-go and the end states have none). */
export const PHASE_OF_STATUS: Partial<Record<TRunStatus, TPhaseKey>> = {
  pre_deployment: "pre_deployment",
  staging: "staging",
  smoke_tests: "smoke_testing",
  production: "production",
  validation: "validation",
  monitoring: "post_deployment",
};

export const TERMINAL_STATUSES: readonly TRunStatus[] = ["completed", "rolled_back", "aborted"];
const PRE_PRODUCTION: readonly TRunStatus[] = ["planned", "pre_deployment", "staging", "smoke_tests", "go_no_go"];
const DEPLOYED: readonly TRunStatus[] = ["production", "validation", "monitoring"];

export type TPhaseGate = { key: TPhaseKey; title: string; missingRequired: string[] };

/** A gate refuses a move with a reason, or returns null to allow it. */
export type TGate = (from: TRunStatus, to: TRunStatus) => string | null;

export type TTransitionContext = {
  phases: TPhaseGate[];
  gates?: TGate[];
  reason?: string;
};

export type TTransitionResult = { ok: true } | { ok: false; reason: string };

/** Traffic is on the new version (production, validation, monitoring): only then is rolling back a move. */
export function canRollBack(status: TRunStatus): boolean {
  return DEPLOYED.includes(status);
}

export function isTerminal(status: TRunStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function nextForwardStatus(status: TRunStatus): TRunStatus | null {
  const index = FORWARD_FLOW.indexOf(status);
  return index >= 0 && index < FORWARD_FLOW.length - 1 ? FORWARD_FLOW[index + 1] : null;
}

export function checkTransition(from: TRunStatus, to: TRunStatus, ctx: TTransitionContext): TTransitionResult {
  const refuse = (reason: string): TTransitionResult => ({ ok: false, reason });
  if (from === to) return refuse(`The run is already ${STATUS_LABELS[to].toLowerCase()}.`);
  if (isTerminal(from)) return refuse(`The run is ${STATUS_LABELS[from].toLowerCase()}: it cannot change any more.`);

  if (to === "aborted") {
    return ctx.reason?.trim() ? { ok: true } : refuse("Aborting needs a reason.");
  }
  if (to === "rolled_back") {
    if (!DEPLOYED.includes(from)) return refuse("Nothing has reached production yet: abort or reschedule instead.");
    return ctx.reason?.trim() ? { ok: true } : refuse("Rolling back needs a reason.");
  }
  if (to === "rescheduled") {
    if (!PRE_PRODUCTION.includes(from)) return refuse("Production has started: roll back instead of rescheduling.");
    return { ok: true };
  }
  if (from === "rescheduled") {
    return to === "planned" ? { ok: true } : refuse("A rescheduled run goes back to planned first.");
  }

  const expected = nextForwardStatus(from);
  if (to !== expected) {
    return refuse(
      expected
        ? `From ${STATUS_LABELS[from]} the run can only move to ${STATUS_LABELS[expected]}.`
        : `${STATUS_LABELS[from]} is the last step.`,
    );
  }
  const leavingPhase = PHASE_OF_STATUS[from];
  const phase = leavingPhase && ctx.phases.find((p) => p.key === leavingPhase);
  if (phase && phase.missingRequired.length > 0) {
    const n = phase.missingRequired.length;
    return refuse(
      `${phase.title} is not complete: ${n} required ${n === 1 ? "item is" : "items are"} still open (${phase.missingRequired
        .slice(0, 3)
        .join("; ")}${n > 3 ? "; …" : ""}).`,
    );
  }
  for (const gate of ctx.gates ?? []) {
    const refusal = gate(from, to);
    if (refusal) return refuse(refusal);
  }
  return { ok: true };
}
