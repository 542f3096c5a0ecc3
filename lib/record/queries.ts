// Gathering a run's deployment record: the snapshot plus the unbounded history the snapshot trims
// (every rollout step, alert, walk, announcement and check round), its baseline and the previous one.
import { db } from "../db/client";
import { buildDeploymentRecord, type TDeploymentRecord, type TRecordInput } from "../domain/deployment-record";
import { rolloutResults } from "../domain/deployment-record-sections";
import type { TBaselineMetrics } from "../domain/baseline";
import { ZPlaybook } from "../domain/template-definition";
import { toAnnouncementView } from "../comms/views";
import { toWalkView } from "../decisions/queries";
import { toAlertView } from "../metrics/alerts-view";
import { positionLabel } from "../runs/poll-schemas";
import { getRunSnapshot } from "../runs/queries";
import { readPayload } from "../timeline/events";
import { previousBaseline } from "./baseline";
import { loadComparisons } from "./comparisons";
import { stageEvidence } from "./evidence";

export async function loadDeploymentRecord(runId: string, now = new Date()): Promise<TDeploymentRecord | null> {
  const snapshot = await getRunSnapshot(runId);
  if (!snapshot) return null;
  const [run, rounds, advances, alerts, walks, announcements, baseline, started] = await Promise.all([
    db().run.findUniqueOrThrow({ where: { id: runId }, select: { playbook: true, faultyAt: true, faultyReason: true, faultyByName: true } }),
    db().runCheckRound.findMany({ where: { section: { phase: { runId } } }, orderBy: { completedAt: "desc" } }),
    db().timelineEvent.findMany({ where: { runId, type: "rollout.advanced" }, orderBy: { seq: "asc" } }),
    db().rollbackAlert.findMany({ where: { runId }, orderBy: { raisedAt: "asc" } }),
    db().decisionWalk.findMany({ where: { runId }, orderBy: [{ startedAt: "asc" }, { id: "asc" }] }),
    db().announcement.findMany({ where: { runId }, orderBy: [{ postedAt: "desc" }, { id: "desc" }], include: { deliveries: true } }),
    db().runBaseline.findUnique({ where: { runId } }),
    db().timelineEvent.findFirst({ where: { runId, type: "run.status_changed", payload: { path: ["from"], equals: "planned" } }, orderBy: { seq: "asc" } }),
  ]);
  const playbook = ZPlaybook.partial().safeParse(run.playbook);
  const previous = await previousBaseline(runId, snapshot.service, baseline?.capturedAt ?? now);
  const input: Omit<TRecordInput, "stageEvidence"> = {
    run: {
      id: snapshot.id,
      name: snapshot.name,
      service: snapshot.service,
      targetVersion: snapshot.targetVersion,
      commit: snapshot.commit,
      status: snapshot.status,
      statusReason: snapshot.statusReason,
      plannedStart: snapshot.plannedStart,
      startedAt: snapshot.startedAt,
      endedAt: snapshot.endedAt,
      rolloutPercent: snapshot.rolloutPercent,
    },
    roles: snapshot.roles.map((r) => ({ role: r.role, label: positionLabel(r.role), userName: r.userName })),
    startedByName: started?.actorName ?? null,
    // Every round of every recurring check, not the snapshot's latest few.
    phases: snapshot.phases.map((p) => ({
      ...p,
      sections: p.sections.map((s) => ({
        ...s,
        rounds: s.intervalMinutes === null ? s.rounds : rounds.filter((r) => r.sectionId === s.id).map((r) => ({ completedAt: r.completedAt.toISOString(), byName: r.actorName, note: r.note })),
      })),
    })),
    goNoGo: snapshot.goNoGo.rounds,
    positionLabel,
    rolloutSteps: snapshot.rolloutSteps,
    rolloutAdvances: advances.map((e) => {
      const p = readPayload("rollout.advanced", e);
      return { percent: p?.percent ?? 0, label: p?.label ?? "", at: e.createdAt.toISOString(), byName: e.actorName };
    }),
    alerts: alerts.map(toAlertView),
    trees: snapshot.decisions.trees,
    walks: walks.map(toWalkView),
    announcements: announcements.map(toAnnouncementView),
    baseline: baseline ? { capturedAt: baseline.capturedAt.toISOString(), windowMinutes: baseline.windowMinutes, metrics: baseline.metrics as TBaselineMetrics } : null,
    previous: previous ? { runId: previous.runId, name: previous.name, targetVersion: previous.targetVersion, commit: previous.commit, endedAt: previous.endedAt, metrics: previous.metrics } : null,
    recordTemplate: (playbook.success && playbook.data.recordTemplate) || "",
    faulty: run.faultyAt ? { at: run.faultyAt.toISOString(), reason: run.faultyReason ?? "", byName: run.faultyByName ?? "" } : null,
    generatedAt: now.toISOString(),
  };
  const evidence = await stageEvidence(runId, rolloutResults(input), input.run, snapshot.metrics.rules, now.getTime());
  const comparisons = await loadComparisons(runId, snapshot.metrics.rules);
  return buildDeploymentRecord({ ...input, stageEvidence: evidence, comparisons });
}
