// The named fields of the communication templates ({{phase}}, {{stepsDone}}, …) and their values
// filled from the live run. Pure: the clock, the latest metric values and the previous run's commit
// are passed in. A value nobody knows yet is shown as "—", never "undefined" or a blank.
import { progress } from "./checklist";
import type { TGoNoGoState } from "./go-no-go";
import { OUTCOME_WORDS } from "./go-no-go";
import { decisionOf, latestCurrentRound } from "./go-no-go-rules";
import { type TRunMetrics } from "./metric-events";
import { describeRecommendationValue, openRecommendations } from "./metric-recommendations";
import { allItems, type TSnapshotPhase } from "./run-snapshot";
import { FORWARD_FLOW, isTerminal, PHASE_OF_STATUS, STATUS_LABELS, type TRunStatus } from "./run-status";
import { elapsedMs, estimatedFinish } from "./schedule";
import { judgedRules } from "./rule-semantics";
import { statusLight } from "./status-light";
import { metricsLine } from "./verdict-wording";
import { formatUtcMinute } from "./time-format";

export const MISSING = "—";

export type TCommsField = {
  key: string;
  label: string;
  /** live: filled from the run (a lead may still change it); manual: only a person knows it. */
  source: "live" | "manual";
  hint: string;
};

/** Every field a template may use: the runbook's own placeholders first, then more from the live run. */
export const COMMS_FIELDS = [
  { key: "phoneNumber", label: "Phone number", source: "manual", hint: "Who to call with questions" },
  { key: "goNoGoTime", label: "Go/No-Go time", source: "live", hint: "When the go/no-go is decided (or expected)" },
  { key: "phase", label: "Phase just completed", source: "live", hint: "The latest phase that finished" },
  { key: "status", label: "Status", source: "live", hint: "ON TRACK, NEEDS ATTENTION, UNVERIFIED or ROLLBACK RECOMMENDED" },
  { key: "metricsLine", label: "Metrics", source: "live", hint: "From the rules' verdicts: all green, unverified: no data for 4 min, error rate 7% on canary, rollback recommended" },
  { key: "currentPhase", label: "Current phase", source: "live", hint: "The phase the run is in" },
  { key: "stepsDone", label: "Steps done", source: "live", hint: "Checklist items done or skipped" },
  { key: "stepsTotal", label: "Steps in total", source: "live", hint: "Checklist items in the run" },
  { key: "minutesRemaining", label: "Minutes remaining", source: "live", hint: "Until the estimated finish" },
  { key: "nextPhase", label: "Next phase", source: "live", hint: "The phase after the current one" },
  { key: "minutesToNextPhase", label: "Minutes to next phase", source: "live", hint: "What is left of the current phase's budget" },
  { key: "durationHours", label: "Duration (hours)", source: "live", hint: "Whole hours since the run started" },
  { key: "durationMinutes", label: "Duration (minutes)", source: "live", hint: "Minutes past those hours" },
  { key: "responseTimeP95Ms", label: "p95 response time (ms)", source: "live", hint: "Latest p95 sample" },
  { key: "errorRatePercent", label: "Error rate (%)", source: "live", hint: "Latest error-rate sample" },
  { key: "issueDescription", label: "Issue detected", source: "live", hint: "The rollback reason or the latest rollback alert" },
  { key: "expectedRollbackMinutes", label: "Expected rollback minutes", source: "manual", hint: "How long the rollback should take" },
  { key: "impactDescription", label: "Impact", source: "live", hint: "Share of traffic on the new version" },
  { key: "rollbackStatus", label: "Rollback status", source: "live", hint: "ROLLING BACK or ROLLBACK COMPLETE" },
  { key: "previousCommit", label: "Restored version", source: "live", hint: "Commit of the service's last completed run" },
  { key: "causeAnalysisTime", label: "Cause analysis at", source: "manual", hint: "When the cause analysis is due" },
  { key: "postMortemDateTime", label: "Post-mortem at", source: "manual", hint: "When the post-mortem is scheduled" },
  { key: "runName", label: "Run", source: "live", hint: "The run's name" },
  { key: "service", label: "Service", source: "live", hint: "The service deployed" },
  { key: "version", label: "Version", source: "live", hint: "The release deployed" },
  { key: "commit", label: "Commit", source: "live", hint: "The commit deployed" },
  { key: "rolloutPercent", label: "Rollout %", source: "live", hint: "Share of traffic on the new version" },
  { key: "goNoGoResult", label: "Go/No-Go result", source: "live", hint: "PROCEED or RESCHEDULE" },
  { key: "responseTimeAvgMs", label: "Avg response time (ms)", source: "live", hint: "Latest average response time sample" },
  { key: "deploymentLead", label: "Deployment Lead", source: "live", hint: "Who holds the position" },
  { key: "techLead", label: "Tech Lead", source: "live", hint: "Who holds the position" },
  { key: "devops", label: "DevOps", source: "live", hint: "Who holds the position" },
  { key: "qa", label: "QA", source: "live", hint: "Who holds the position" },
] as const satisfies readonly TCommsField[];

export type TCommsFieldKey = (typeof COMMS_FIELDS)[number]["key"];
export type TFieldValues = Record<TCommsFieldKey, string | null>;

const ROLE_FIELDS: Record<string, TCommsFieldKey> = {
  deployment_lead: "deploymentLead",
  tech_lead: "techLead",
  devops: "devops",
  qa: "qa",
};

/** The facts of a run that announcements and the deployment record both report. */
export type TRunFacts = {
  name: string;
  service: string;
  targetVersion: string;
  commit: string | null;
  status: TRunStatus;
  statusReason: string | null;
  plannedStart: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Where the rollout stood last. */
  rolloutPercent: number;
};

export type TCommsRun = TRunFacts & {
  roles: { role: string; userName: string }[];
  phases: TSnapshotPhase[];
  goNoGo: TGoNoGoState;
  metrics?: TRunMetrics;
};

export type TCommsContext = {
  /** The latest value of each metric (error_rate in %, response times in ms). */
  latestMetrics: Readonly<Record<string, number>>;
  /** The commit of the service's last completed run: what a rollback restores. */
  previousCommit: string | null;
};

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

const minutesOf = (ms: number) => String(Math.max(0, Math.ceil(ms / 60_000)));
/** At most two decimals, no trailing zeros: 0.04, 1.5, 312. */
const numberOf = (value: number | undefined, digits = 2) =>
  value === undefined || !Number.isFinite(value) ? null : String(Number(value.toFixed(digits)));

const timing = (p: TSnapshotPhase) => ({
  budgetMaxMinutes: p.budgetMaxMinutes,
  startedAt: p.startedAt ? new Date(p.startedAt) : null,
  completedAt: p.completedAt ? new Date(p.completedAt) : null,
});

function currentPhaseOf(run: TCommsRun): TSnapshotPhase | null {
  const key = PHASE_OF_STATUS[run.status];
  return (key && run.phases.find((p) => p.key === key)) || null;
}

/** The phase the run works through after the current status (go/no-go leads into production). */
function nextPhaseOf(run: TCommsRun): TSnapshotPhase | null {
  const index = FORWARD_FLOW.indexOf(run.status);
  if (index < 0) return null;
  for (const status of FORWARD_FLOW.slice(index + 1)) {
    const key = PHASE_OF_STATUS[status];
    const phase = key && run.phases.find((p) => p.key === key);
    if (phase) return phase;
  }
  return null;
}

function lastCompletedPhase(run: TCommsRun): TSnapshotPhase | null {
  return run.phases.filter((p) => p.completedAt).sort((a, b) => Date.parse(b.completedAt!) - Date.parse(a.completedAt!))[0] ?? null;
}

/** When go/no-go was (or will be) decided: the closing time of its latest round, else an estimate. */
function goNoGoTime(run: TCommsRun, now: Date): string | null {
  const round = latestCurrentRound(run.goNoGo) ?? run.goNoGo.rounds.at(-1) ?? null;
  if (round?.closedAt) return formatUtcMinute(round.closedAt);
  if (run.status === "go_no_go") return formatUtcMinute(round ? round.openedAt : now);
  const before = FORWARD_FLOW.slice(0, FORWARD_FLOW.indexOf("go_no_go"));
  if (!before.includes(run.status)) return null;
  const keys = new Set(before.map((s) => PHASE_OF_STATUS[s]).filter(Boolean));
  const from = run.startedAt ? now : new Date(Math.max(now.getTime(), Date.parse(run.plannedStart)));
  return formatUtcMinute(estimatedFinish(run.phases.filter((p) => keys.has(p.key)).map(timing), from));
}

function goNoGoResult(goNoGo: TGoNoGoState): string | null {
  const round = latestCurrentRound(goNoGo) ?? goNoGo.rounds.at(-1) ?? null;
  if (!round) return null;
  const decision = decisionOf(round);
  if (!decision) return `Voting (round ${round.round})`;
  return decision.isOverridden ? `PROCEED (override: ${round.override?.reason ?? ""})` : OUTCOME_WORDS[decision.outcome];
}

/** What went wrong, for the rollback message: the rollback's reason, else the latest rollback alert. */
function issueDescription(run: TCommsRun): string | null {
  if (run.status === "rolled_back" && run.statusReason) return run.statusReason;
  const recommendation = run.metrics ? openRecommendations(run.metrics)[0] : undefined;
  const alert = recommendation?.alert ?? run.metrics?.alerts.find((a) => a.decision === "rollback");
  if (!alert) return run.statusReason;
  const value = recommendation ? describeRecommendationValue(recommendation) : "";
  return `${alert.label}${value ? ` (${value})` : ""}`;
}

function impactDescription(run: TCommsRun): string {
  if (run.rolloutPercent <= 0) return "No production traffic reached the new version";
  return `${run.rolloutPercent}% of production traffic on ${run.targetVersion}`;
}

const STATUS_WORDS = { on_track: "ON TRACK", attention: "NEEDS ATTENTION", rollback: "ROLLBACK RECOMMENDED" } as const;

/** Every field's value from the live run; null where nobody knows it (shown as "—" when filled). */
export function liveFieldValues(run: TCommsRun, context: TCommsContext, now: Date): TFieldValues {
  const { done, total } = progress(allItems(run));
  const current = currentPhaseOf(run);
  const next = nextPhaseOf(run);
  const started = run.startedAt ? new Date(run.startedAt) : null;
  const isOver = isTerminal(run.status) || run.status === "rescheduled";
  const remainingMs = isOver ? 0 : estimatedFinish(run.phases.map(timing), started ? now : new Date(Math.max(now.getTime(), Date.parse(run.plannedStart)))).getTime() - now.getTime();
  const durationMs = started ? (run.endedAt ? new Date(run.endedAt) : now).getTime() - started.getTime() : null;
  const totalMinutes = durationMs === null ? null : Math.floor(Math.max(0, durationMs) / 60_000);
  const metrics = context.latestMetrics;
  const light = statusLight(run, now);
  const people = Object.fromEntries(run.roles.filter((r) => ROLE_FIELDS[r.role]).map((r) => [ROLE_FIELDS[r.role], r.userName]));
  return {
    phoneNumber: null,
    goNoGoTime: goNoGoTime(run, now),
    phase: lastCompletedPhase(run)?.title ?? null,
    status: light.word === "UNVERIFIED" ? "UNVERIFIED" : STATUS_WORDS[light.state],
    // Never a static "All green": what the gating rules' verdicts show right now.
    metricsLine: run.metrics ? metricsLine(judgedRules(run.metrics, now.getTime()), now.getTime()) : null,
    currentPhase: current?.title ?? STATUS_LABELS[run.status],
    stepsDone: String(done),
    stepsTotal: String(total),
    minutesRemaining: minutesOf(remainingMs),
    nextPhase: next?.title ?? null,
    minutesToNextPhase: current && next ? minutesOf(current.budgetMaxMinutes * 60_000 - elapsedMs(timing(current), now)) : null,
    durationHours: totalMinutes === null ? null : String(Math.floor(totalMinutes / 60)),
    durationMinutes: totalMinutes === null ? null : String(totalMinutes % 60),
    responseTimeP95Ms: numberOf(metrics.response_time_p95, 0),
    errorRatePercent: numberOf(metrics.error_rate),
    issueDescription: issueDescription(run),
    expectedRollbackMinutes: null,
    impactDescription: impactDescription(run),
    rollbackStatus: "ROLLING BACK",
    previousCommit: context.previousCommit,
    causeAnalysisTime: null,
    postMortemDateTime: null,
    runName: run.name,
    service: run.service,
    version: run.targetVersion,
    commit: run.commit,
    rolloutPercent: String(run.rolloutPercent),
    goNoGoResult: goNoGoResult(run.goNoGo),
    responseTimeAvgMs: numberOf(metrics.response_time_avg, 0),
    deploymentLead: people.deploymentLead ?? null,
    techLead: people.techLead ?? null,
    devops: people.devops ?? null,
    qa: people.qa ?? null,
  };
}

/** The field keys a template body uses, in order of first use. */
export function templateFields(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Fill every {{field}}: a known, non-blank value as is; anything else (unknown, null, blank) as "—". */
export function fillTemplate(body: string, values: Readonly<Record<string, string | null | undefined>>): string {
  return body.replace(PLACEHOLDER, (_, key: string) => {
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
    return typeof value === "string" && value.trim() !== "" ? value.trim() : MISSING;
  });
}

/** The fields a template uses that have no value yet: what the composer asks a person for. */
export function missingFields(body: string, values: Readonly<Record<string, string | null | undefined>>): string[] {
  return templateFields(body).filter((key) => {
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
    return !(typeof value === "string" && value.trim() !== "");
  });
}

export function isKnownField(key: string): key is TCommsFieldKey {
  return COMMS_FIELDS.some((f) => f.key === key);
}
