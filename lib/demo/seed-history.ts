// `npm run demo:history`: writes the plan of lib/demo/history-plan.ts as past runs, so the insights
// page has eight weeks to show. Each run is created from the seeded runbook with the library's
// createRun; its past (phase clocks, the ending, a rollback recommendation, a faulty mark) is then
// written as it would have been recorded, with the timeline events that say so. That past cannot go
// through runCommand, whose clock is now: this is a restore of history, not a change. Runs of an
// earlier `demo:history` (named "History · …") are replaced, so it can be run again.
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TMarkedFaultyPayload, TStatusChangedPayload } from "../domain/events/run-payloads";
import type { TRunStatus } from "../domain/run-status";
import type { Prisma } from "../generated/prisma/client";
import { createRun } from "../runs/create-run";
import { seedDefaultTemplate } from "../templates/seed";
import { HISTORY_END_STATUS, HISTORY_PREFIX, historyPlan, historyRunName, type TPlannedRun } from "./history-plan";

export const HISTORY_ACTOR: TActor = { id: "system:demo-history", name: "Demo history", role: "admin" };

const MINUTE = 60_000;
/** The status a run was in when it ended, by how many phases it reached. */
const STATUS_BEFORE_END: TRunStatus[] = ["pre_deployment", "staging", "smoke_tests", "production", "validation", "monitoring"];
const FAULTY_REASON = "Search results went stale for a subset of indexes two days after release (incident 2231)";

type TTimedPhase = { id: string; startedAt: Date | null; completedAt: Date | null };

/** Phase clocks back from the end: each reached phase ran its minutes; the last one ends the run. */
function phaseClock(plan: TPlannedRun, phaseIds: string[]): { phases: TTimedPhase[]; startedAt: Date } {
  const total = plan.phaseMinutes.reduce((sum, m) => sum + m, 0);
  let cursor = plan.endedAt.getTime() - total * MINUTE;
  const startedAt = new Date(cursor);
  const isFinished = HISTORY_END_STATUS[plan.outcome] === "completed";
  const phases = phaseIds.map((id, i) => {
    const minutes = plan.phaseMinutes[i];
    if (minutes === undefined) return { id, startedAt: null, completedAt: null };
    const start = new Date(cursor);
    cursor += minutes * MINUTE;
    // The phase a run was rolled back or aborted in never completed.
    const isLast = i === plan.phaseMinutes.length - 1;
    return { id, startedAt: start, completedAt: isLast && !isFinished ? null : new Date(cursor) };
  });
  return { phases, startedAt };
}

async function writeRun(templateId: string, plan: TPlannedRun, index: number): Promise<void> {
  const { endedAt } = plan;
  const run = await createRun(HISTORY_ACTOR, {
    templateId,
    name: historyRunName(plan),
    service: plan.service,
    targetVersion: plan.version,
    commit: (0x1a2b3c0 + index * 7919).toString(16).padStart(7, "0"),
    commitAt: plan.commitAt ?? undefined,
    plannedStart: new Date(endedAt.getTime() - plan.phaseMinutes.reduce((s, m) => s + m, 0) * MINUTE),
    plannedDurationMin: 360,
  });
  const to = HISTORY_END_STATUS[plan.outcome];
  const reason =
    plan.outcome === "rolled_back" ? "Rollback decided on “Error rate above 5% for 5 minutes”: canary errors climbing"
    : plan.outcome === "aborted_in_production" ? "Card network timeouts at 10%: stopped and handed to the payments team"
    : plan.outcome === "aborted_in_staging" ? "Staging index rebuild failed; new run tomorrow"
    : null;
  await db().$transaction(async (tx) => {
    const phaseRows = await tx.runPhase.findMany({ where: { runId: run.id }, orderBy: { position: "asc" }, select: { id: true } });
    const { phases, startedAt } = phaseClock(plan, phaseRows.map((p) => p.id));
    for (const p of phases) await tx.runPhase.update({ where: { id: p.id }, data: { startedAt: p.startedAt, completedAt: p.completedAt } });
    const donePhases = phases.filter((p) => p.completedAt).map((p) => p.id);
    await tx.runItem.updateMany({ where: { section: { phaseId: { in: donePhases }, intervalMinutes: null } }, data: { state: "done", changedAt: endedAt } });
    if (plan.recommendedMinutesBeforeEnd !== null) {
      await tx.rollbackAlert.create({
        data: {
          runId: run.id,
          source: "rule",
          label: "Error rate above 5% for 5 minutes",
          metric: "error_rate",
          stage: "canary",
          value: 7.4,
          unit: "%",
          raisedAt: new Date(endedAt.getTime() - plan.recommendedMinutesBeforeEnd * MINUTE),
          raisedByName: "Warroom monitor",
          ...(plan.outcome === "rolled_back" && { decision: "rollback", decisionReason: "Canary errors climbing", decidedAt: endedAt, decidedByName: "Priya Lead" }),
        },
      });
    }
    const isFaulty = plan.outcome === "faulty";
    const faultyAt = new Date(endedAt.getTime() + 2 * 24 * 60 * MINUTE);
    const status: TStatusChangedPayload = {
      from: STATUS_BEFORE_END[plan.phaseMinutes.length - 1],
      to,
      version: 1,
      reason,
      phases: phases.map((p) => ({ id: p.id, startedAt: p.startedAt?.toISOString() ?? null, completedAt: p.completedAt?.toISOString() ?? null })),
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      plannedStart: startedAt.toISOString(),
    };
    const events: Prisma.TimelineEventCreateManyInput[] = [
      { runId: run.id, seq: 2, actorName: "Priya Lead", type: "run.status_changed", payload: status, createdAt: endedAt },
    ];
    if (isFaulty) {
      const faulty: TMarkedFaultyPayload = { reason: FAULTY_REASON, markedAt: faultyAt.toISOString(), wasValidating: false };
      events.push({ runId: run.id, seq: 3, actorName: "Priya Lead", type: "run.marked_faulty", payload: faulty, createdAt: faultyAt });
    }
    await tx.timelineEvent.createMany({ data: events });
    await tx.run.update({
      where: { id: run.id },
      data: {
        status: to,
        version: 1,
        statusReason: reason,
        startedAt,
        endedAt,
        createdAt: startedAt,
        rolloutPercent: plan.phaseMinutes.length >= 4 ? (to === "completed" ? 100 : 10) : 0,
        lastSeq: events.length + 1,
        ...(isFaulty && { faultyAt, faultyReason: FAULTY_REASON, faultyByName: "Priya Lead" }),
      },
    });
  });
}

export type THistorySummary = { runs: number; replaced: number; services: string[] };

export async function seedHistory(now = new Date()): Promise<THistorySummary> {
  await seedDefaultTemplate();
  const template = await db().template.findFirstOrThrow({ where: { isDefault: true }, select: { id: true } });
  const { count: replaced } = await db().run.deleteMany({ where: { name: { startsWith: HISTORY_PREFIX } } });
  const plan = historyPlan(now);
  // In turn: each run is a template copy in its own transaction; the pool is small.
  for (const [index, run] of plan.entries()) await writeRun(template.id, run, index);
  return { runs: plan.length, replaced, services: [...new Set(plan.map((r) => r.service))] };
}
