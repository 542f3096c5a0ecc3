// The deployment record (the runbook's "Record Deployment Details"), built from what the run recorded:
// times, who deployed, every phase and check, the go/no-go outcome and votes, the rollout steps, alerts
// and decisions, announcements and the baseline metrics. Pure: the server gathers, this decides.
import { compareWithBaseline } from "./baseline";
import { baselineResult, clock, decisionResults, FAULTY_LABEL, goNoGoResults, minutesBetween, OUTCOME_LABELS, phaseResult, rolloutResults, stepVerdict } from "./deployment-record-sections";
import { MISSING, type TDeploymentRecord, type TRecordInput } from "./deployment-record-types";
import { isRecurring } from "./run-snapshot";
import { isTerminal, STATUS_LABELS } from "./run-status";
import type { TPhaseKey } from "./template-definition";
import { stageRecordVerdict } from "./verdict-wording";

export * from "./deployment-record-types";

const normalise = (label: string) => label.trim().toLowerCase();
const LINE = /^(\s*(?:-\s+)?)([^:]+):(.*)$/;

/** Fill each "Label: value" line of the runbook's block: known labels from the run, others kept (or "—" for a [placeholder]). */
export function fillRecordBlock(template: string, values: ReadonlyMap<string, string>): { block: string; fields: { label: string; value: string }[] } {
  const fields: { label: string; value: string }[] = [];
  const lines = template.split("\n").map((line) => {
    const match = LINE.exec(line);
    if (!match) return line;
    const [, prefix, rawLabel, rest] = match;
    const label = rawLabel.trim();
    // A heading such as "Metrics Baseline:" has nothing after its colon.
    if (!rest.trim()) return line;
    const known = values.get(normalise(label));
    const value = known ?? (/\[[^\]]*\]/.test(rest) ? MISSING : rest.trim());
    fields.push({ label, value });
    return `${prefix}${label}: ${value}`;
  });
  return { block: lines.join("\n"), fields };
}

export function buildDeploymentRecord(input: TRecordInput): TDeploymentRecord {
  const { run } = input;
  const phaseOf = (key: TPhaseKey) => input.phases.filter((p) => p.key === key);
  const phases = input.phases.map((p) => ({ key: p.key, ...phaseResult([p], p.key, p.title, run.status) }));
  const rollout = rolloutResults(input);
  const baseline = input.baseline ? baselineResult(input.baseline) : null;
  const baselineValue = (key: string) => baseline?.values.find((v) => v.key === key)?.value ?? MISSING;
  const durationMinutes = minutesBetween(run.startedAt, run.endedAt);
  const deployedBy = input.roles.find((r) => r.role === "deployment_lead")?.userName ?? input.startedByName ?? MISSING;
  const currentPercent = run.rolloutPercent;
  // Completed, then found faulty: the record must not keep saying SUCCESS.
  const isFaulty = run.status === "completed" && Boolean(input.faulty);
  const outcomeLabel = isFaulty ? FAULTY_LABEL : (OUTCOME_LABELS[run.status] ?? `⏳ IN PROGRESS (${STATUS_LABELS[run.status]})`);
  const date = (run.startedAt ?? run.plannedStart).slice(0, 10);
  const startTime = clock(run.startedAt);
  const endTime = clock(run.endedAt);

  const values = new Map<string, string>([
    ["deployment date", date],
    ["deployment time", run.startedAt ? `${startTime}${run.endedAt ? ` (ended ${endTime})` : ""}` : MISSING],
    ["deployed by", deployedBy],
    ["git commit", run.commit ?? MISSING],
    ["deployment duration", durationMinutes === null ? MISSING : `${durationMinutes} ${durationMinutes === 1 ? "minute" : "minutes"}`],
    ["status", outcomeLabel],
    ["pre-deployment checks", phaseResult(phaseOf("pre_deployment"), "pre_deployment", "", run.status).summary],
    ["staging tests", phaseResult([...phaseOf("staging"), ...phaseOf("smoke_testing")], "staging", "", run.status).summary],
    ["canary deployment", stageRecordVerdict(stepVerdict(rollout, "canary", run.status, currentPercent), input.stageEvidence.canary)],
    ["full rollout", stageRecordVerdict(stepVerdict(rollout, "full", run.status, currentPercent), input.stageEvidence.full)],
    ["post-deployment validation", phaseResult(phaseOf("validation"), "validation", "", run.status).summary],
    ["error rate", baselineValue("error_rate")],
    ["avg response time", baselineValue("response_time_avg")],
    ["p95 response time", baselineValue("response_time_p95")],
    ["database health", baseline?.databaseHealth ?? MISSING],
    ["api availability", baseline?.apiAvailability ?? MISSING],
  ]);
  const { block, fields } = fillRecordBlock(input.recordTemplate, values);

  const recurring = input.phases.flatMap((p) =>
    p.sections.filter(isRecurring).map((s) => ({
      phaseTitle: p.title,
      title: s.title,
      intervalMinutes: s.intervalMinutes!,
      rounds: s.rounds.length,
      lastAt: s.rounds[0]?.completedAt ?? null,
      lastByName: s.rounds[0]?.byName ?? null,
    })),
  );

  return {
    generatedAt: input.generatedAt,
    isFinished: isTerminal(run.status),
    run: { ...run, roles: input.roles },
    outcome: {
      status: run.status,
      label: outcomeLabel,
      reason: isFaulty && input.faulty ? `Marked faulty by ${input.faulty.byName}: ${input.faulty.reason}` : run.statusReason,
      isFaulty,
    },
    date,
    startTime,
    endTime,
    durationMinutes,
    deployedBy,
    block,
    fields,
    phases,
    recurring,
    goNoGo: goNoGoResults(input),
    rollout,
    alerts: input.alerts,
    comparisons: input.comparisons ?? [],
    decisions: decisionResults(input),
    announcements: input.announcements,
    baseline,
    comparison:
      input.previous && input.baseline
        ? {
            previousRunId: input.previous.runId,
            previousRunName: input.previous.name,
            previousVersion: input.previous.targetVersion,
            previousEndedAt: input.previous.endedAt,
            rows: compareWithBaseline(Object.fromEntries(Object.entries(input.baseline.metrics).map(([k, v]) => [k, v.value])), input.previous.metrics),
          }
        : null,
  };
}
