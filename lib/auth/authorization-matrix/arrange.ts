// Arranging the state a valid call needs: runs at the right step, open and closed rounds, alerts,
// walks, webhooks and spare accounts, made through the product's own commands or, where those would
// take many steps tested elsewhere, written directly.
import { randomUUID } from "node:crypto";
import { makeRun, makeUser } from "../../../e2e/support/factories";
import { sessionCookieOf } from "../../../e2e/support/realtime-world";
import { defaultTemplate } from "../../../prisma/seed/default-template";
import { saveRunWebhook } from "../../comms/webhooks";
import { db } from "../../db/client";
import { startWalk } from "../../decisions/commands";
import { manualTriggers } from "../../domain/metric-defaults";
import type { TRole } from "../../domain/roles";
import { triggerRollback } from "../../metrics/rollback-commands";
import { ensureRules } from "../../metrics/rules";
import { closePoll, openPoll, votePoll } from "../../runs/poll-commands";
import { createTemplate } from "../../templates/create-template";
import { seedDefaultTemplate } from "../../templates/seed";
import type { TActor } from "../users";
import { isAccount, type TCase, type TRun } from "./calls";
import { world } from "./world";

let smallTemplateId: string | undefined;

/**
 * The seed runbook cut to one item per section (every phase, recurring section and playbook rule
 * kept): each matrix case makes a fresh run, and a full copy of the runbook per case is slow.
 */
export async function smallTemplate(): Promise<string> {
  if (smallTemplateId) return smallTemplateId;
  await seedDefaultTemplate();
  const trimmed = {
    ...defaultTemplate,
    key: "matrix-small",
    name: "Matrix (small)",
    phases: defaultTemplate.phases.map((p) => ({ ...p, sections: p.sections.map((s) => ({ ...s, items: s.items.slice(0, 1) })) })),
  };
  smallTemplateId = (await createTemplate(trimmed)).id;
  return smallTemplateId;
}

export async function freshRun(): Promise<TRun> {
  const run = await makeRun(world.team.lead, { templateId: await smallTemplate(), roles: { deployment_lead: world.team.lead.id } });
  // Reading a run the first time sets up its default metric rules: done here, not inside a case.
  await db().$transaction((tx) => ensureRules(tx, run.id, run.playbook));
  return run;
}

export async function setStatus(runId: string, status: string) {
  await db().run.update({ where: { id: runId }, data: { status: status as never } });
}

/** A run that completed ten minutes ago: inside its validation window, so it can be marked faulty. */
export async function completedRun(runId: string) {
  await db().run.update({ where: { id: runId }, data: { status: "completed", endedAt: new Date(Date.now() - 10 * 60_000) } });
}

/** A run at go/no-go (checklist done) whose Deployment Lead position is held by `holder`. */
export async function runAtGoNoGo(holder: TActor = world.team.lead): Promise<TRun> {
  const run = await freshRun();
  await db().runItem.updateMany({ where: { section: { phase: { runId: run.id } } }, data: { state: "done" } });
  await setStatus(run.id, "go_no_go");
  await db().run.update({ where: { id: run.id }, data: { lastSeq: { increment: 1 } } }).then(async (r) =>
    db().timelineEvent.create({ data: { runId: run.id, seq: r.lastSeq, actorName: "test", type: "run.status_changed", payload: { to: "go_no_go" } } }),
  );
  await db().runRole.update({ where: { runId_role: { runId: run.id, role: "deployment_lead" } }, data: { userId: holder.id } });
  return run;
}

export const QUESTION = ["Ready for production?"];
export async function openRound(runId: string) {
  const { event } = await openPoll(world.team.lead, { runId, questions: QUESTION, positions: ["deployment_lead"] });
  return (event.payload as { pollId: string }).pollId;
}
export async function closedRound(runId: string, answer: "go" | "no_go") {
  const pollId = await openRound(runId);
  await votePoll(world.team.lead, { runId, pollId, position: "deployment_lead", answers: [{ questionIndex: 0, answer, reason: answer === "no_go" ? "Not ready yet" : undefined, version: 0 }] });
  await closePoll(world.team.lead, { runId, pollId });
  return pollId;
}

/** The caller's account if it may hold a position, else the lead (who then keeps it). */
export const holderFor = (c: TCase): TActor => c.actor ?? (isAccount(c.caller) && c.caller !== "viewer" ? world.team[c.caller] : world.team.lead);

export async function recurringSection(runId: string) {
  const section = await db().runSection.findFirstOrThrow({ where: { phase: { runId }, intervalMinutes: { not: null } }, include: { phase: true } });
  await db().runPhase.update({ where: { id: section.phaseId }, data: { startedAt: new Date() } });
  return section;
}

export async function manualAlert(runId: string): Promise<string> {
  const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
  await triggerRollback(world.team.lead, { runId, label: manualTriggers(run.playbook)[0], note: "Seen in the logs" });
  return (await db().rollbackAlert.findFirstOrThrow({ where: { runId } })).id;
}

/** A run ten minutes into its canary (decision guides are walked during the rollout). */
export async function inCanary(runId: string) {
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  await db().run.update({ where: { id: runId }, data: { status: "production", rolloutPercent: 10, startedAt: ago(60), checkpointStartedAt: ago(10) } });
  await db().runPhase.updateMany({ where: { runId, key: "production" }, data: { startedAt: ago(10) } });
}

export async function walk(runId: string, treeKey: string): Promise<string> {
  await inCanary(runId);
  const { event } = await startWalk(world.team.lead, { runId, treeKey });
  return (event.payload as { walk: { id: string } }).walk.id;
}

/** Webhooks post to the world's receiver, which says 200 at once, so deliveries settle fast. */
export const webhookUrl = () => `${world.receiverUrl}/hook-${randomUUID().slice(0, 8)}`;

export async function runWebhook(runId: string): Promise<string> {
  const { event } = await saveRunWebhook(world.team.lead, { runId, name: "Team chat", url: webhookUrl(), format: "slack" });
  return (event.payload as { webhook: { id: string } }).webhook.id;
}

/** An announcement whose one delivery failed, ready to be resent. */
export async function failedAnnouncement(runId: string): Promise<string> {
  const webhookId = await runWebhook(runId);
  const announcement = await db().announcement.create({
    data: {
      runId,
      templateKey: "in_progress",
      title: "In progress",
      body: "Half way",
      fields: {},
      postedByName: "Lee Lead",
      postedAt: new Date(),
      deliveries: { create: [{ runId, webhookId, targetName: "Team chat", format: "slack", status: "failed", attempts: 5, lastError: "HTTP 500" }] },
    },
  });
  return announcement.id;
}

/** No delivery pending: each one's outcome and its timeline event are written in one transaction (lib/comms/deliveries.ts). */
export async function deliveriesDone() {
  for (let i = 0; i < 100 && (await db().delivery.count({ where: { status: "pending" } })) > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function removeGlobalWebhooks() {
  await db().webhook.deleteMany({ where: { runId: null } });
}

let spareUsers = 0;
export async function spareUser(role: TRole = "member") {
  return makeUser(world.team.admin, { name: `Spare ${++spareUsers}`, email: `spare-${randomUUID()}@example.com`, role });
}

export async function freshCookie(role: TRole): Promise<string> {
  return sessionCookieOf(world.team[role]);
}
