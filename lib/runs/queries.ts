// Reading runs for pages: the list, and one run's snapshot (the state clients fold events into).
import { db } from "../db/client";
import type { TItemState } from "../domain/checklist";
import type { TRunStatus } from "../domain/run-status";
import { LINKED_TICK_ACTOR } from "../domain/item-links";
import { ROUNDS_IN_SNAPSHOT } from "../domain/recurring-checks";
import { TIMELINE_LIMIT, type TRunSnapshot } from "../domain/run-snapshot";
import { parseMetricLink, ZPlaybook, type TPhaseKey } from "../domain/template-definition";
import { loadCommsState } from "../comms/queries";
import { loadDecisionState } from "../decisions/queries";
import { loadRunGuards } from "../locks/queries";
import { loadMetricsState } from "../metrics/queries";
import { toRunEvent } from "../timeline/events";
import { FOLDING_READ } from "../timeline/fold-checkpoints";
import { loadGoNoGoState } from "./poll-queries";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function getRunSnapshot(runId: string): Promise<TRunSnapshot | null> {
  // One read transaction so the snapshot and its lastSeq describe the same moment.
  return db().$transaction(async (tx) => {
    const run = await tx.run.findUnique({
      where: { id: runId },
      include: {
        roles: { include: { user: { select: { name: true } } } },
        phases: {
          orderBy: { position: "asc" },
          include: {
            sections: {
              orderBy: { position: "asc" },
              include: {
                items: { orderBy: { position: "asc" } },
                checkRounds: { orderBy: { completedAt: "desc" }, take: ROUNDS_IN_SNAPSHOT },
              },
            },
          },
        },
        events: { orderBy: { seq: "desc" }, take: TIMELINE_LIMIT },
      },
    });
    if (!run) return null;
    const changedByIds = [...new Set(run.phases.flatMap((p) => p.sections.flatMap((s) => s.items.map((i) => i.changedById))))];
    const names = new Map(
      (await tx.user.findMany({ where: { id: { in: changedByIds.filter((x): x is string => !!x) } }, select: { id: true, name: true } })).map(
        (u) => [u.id, u.name],
      ),
    );
    const playbook = ZPlaybook.partial().safeParse(run.playbook);
    const goNoGo = await loadGoNoGoState(tx, run.id);
    const metrics = await loadMetricsState(tx, run.id, run.playbook, run.lastSeq);
    const comms = await loadCommsState(tx, run.id, run.playbook);
    const decisions = await loadDecisionState(tx, run.id, run.playbook);
    const guards = await loadRunGuards(tx, run);
    return {
      id: run.id,
      goNoGo,
      metrics,
      comms,
      decisions,
      guards,
      name: run.name,
      service: run.service,
      targetVersion: run.targetVersion,
      commit: run.commit,
      plannedStart: run.plannedStart.toISOString(),
      plannedDurationMin: run.plannedDurationMin,
      status: run.status as TRunStatus,
      statusReason: run.statusReason,
      version: run.version,
      rolloutPercent: run.rolloutPercent,
      checkpointStartedAt: iso(run.checkpointStartedAt),
      rolloutSteps: (playbook.success && playbook.data.rolloutSteps) || [],
      startedAt: iso(run.startedAt),
      endedAt: iso(run.endedAt),
      roles: run.roles.map((r) => ({ role: r.role, userId: r.userId, userName: r.user.name })),
      lastSeq: run.lastSeq,
      timeline: run.events.map(toRunEvent),
      phases: run.phases.map((p) => ({
        id: p.id,
        key: p.key as TPhaseKey,
        title: p.title,
        budgetMinMinutes: p.budgetMinMinutes,
        budgetMaxMinutes: p.budgetMaxMinutes,
        successCriteria: p.successCriteria,
        startedAt: iso(p.startedAt),
        completedAt: iso(p.completedAt),
        sections: p.sections.map((s) => ({
          id: s.id,
          title: s.title,
          command: s.command,
          expectedOutput: s.expectedOutput,
          intervalMinutes: s.intervalMinutes,
          notes: s.notes,
          items: s.items.map((i) => ({
            id: i.id,
            text: i.text,
            depth: i.depth,
            command: i.command,
            expectedOutput: i.expectedOutput,
            required: i.required,
            state: i.state as TItemState,
            note: i.note,
            changedByName: i.changedById ? (names.get(i.changedById) ?? (i.changedById === LINKED_TICK_ACTOR.id ? LINKED_TICK_ACTOR.name : null)) : null,
            changedAt: iso(i.changedAt),
            version: i.version,
            metricLink: parseMetricLink(i.metricLink),
            overrideStatus: i.overrideStatus,
          })),
          rounds: s.checkRounds.map((r) => ({ completedAt: r.completedAt.toISOString(), byName: r.actorName, note: r.note })),
        })),
      })),
    };
  }, FOLDING_READ);
}
