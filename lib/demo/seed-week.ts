// npm run demo:week's data: a week of runs across three services around now, so /now and /calendar
// have something to show — three finished (one rolled back), one under way in staging, one later
// today, and upcoming windows in which two checkout-api runs overlap (the one conflict), plus one
// freeze of every service later in the week. Made with the library code (createRun, runCommand), so
// every run has its timeline; finished and started runs are moved there by one command each, as
// npm run demo does. Seeding twice adds nothing: the runs are found by name.
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TStatusChangedPayload } from "../domain/run-snapshot";
import { PHASE_OF_STATUS, type TRunStatus } from "../domain/run-status";
import { saveFreeze } from "../locks/commands";
import { createRun } from "../runs/create-run";
import { seedDefaultTemplate } from "../templates/seed";
import { runCommand } from "../timeline/command";

export const WEEK_ACTOR: TActor = { id: "system:demo", name: "Demo", role: "admin" };
export const WEEK_PREFIX = "Week: ";
export const WEEK_FREEZE_REASON = "Week demo: year-end change freeze";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

type TLeadKey = "ada" | "bo" | "cy";
const LEADS: Record<TLeadKey, { id: string; name: string }> = {
  ada: { id: "demo-week-ada", name: "Ada Okafor" },
  bo: { id: "demo-week-bo", name: "Bo Lindqvist" },
  cy: { id: "demo-week-cy", name: "Cy Moreau" },
};

type TPlan = { name: string; service: string; version: string; startMs: number; minutes: number; lead: TLeadKey; endAs?: "completed" | "rolled_back"; isUnderWay?: boolean };

/** The week around `now`: whole hours of UTC days, so the calendar reads cleanly. */
function weekPlans(now: number): TPlan[] {
  const day = (offset: number, hour: number) => Math.floor(now / DAY_MS) * DAY_MS + offset * DAY_MS + hour * HOUR_MS;
  return [
    { name: "checkout-api 2.5.0", service: "checkout-api", version: "2.5.0", startMs: day(-3, 9), minutes: 360, lead: "ada", endAs: "completed" },
    { name: "search 7.1.0", service: "search", version: "7.1.0", startMs: day(-2, 13), minutes: 240, lead: "bo", endAs: "rolled_back" },
    { name: "billing 4.8.0", service: "billing", version: "4.8.0", startMs: day(-1, 10), minutes: 300, lead: "cy", endAs: "completed" },
    { name: "billing 4.9.0", service: "billing", version: "4.9.0", startMs: now - HOUR_MS, minutes: 360, lead: "cy", isUnderWay: true },
    { name: "search 7.1.1", service: "search", version: "7.1.1", startMs: now + 3 * HOUR_MS, minutes: 120, lead: "bo" },
    // The conflict: two runs of checkout-api in overlapping windows.
    { name: "checkout-api 2.6.0", service: "checkout-api", version: "2.6.0", startMs: day(2, 9), minutes: 300, lead: "ada" },
    { name: "checkout-api 2.6.1 hotfix", service: "checkout-api", version: "2.6.1", startMs: day(2, 12), minutes: 90, lead: "bo" },
    { name: "search 7.2.0", service: "search", version: "7.2.0", startMs: day(3, 10), minutes: 240, lead: "bo" },
    { name: "billing 5.0.0", service: "billing", version: "5.0.0", startMs: day(5, 9), minutes: 360, lead: "cy" },
  ];
}

/** The week's freeze: every service, the whole of the fourth day from now (no run planned in it). */
const freezeWindow = (now: number) => ({ startsAt: new Date(Math.floor(now / DAY_MS) * DAY_MS + 4 * DAY_MS).toISOString(), endsAt: new Date(Math.floor(now / DAY_MS) * DAY_MS + 5 * DAY_MS).toISOString() });

/** Moves a fresh run to where the plan has it, in one command: finished with every phase done, or in staging. */
async function moveAlong(runId: string, plan: TPlan) {
  return runCommand({ runId, actor: WEEK_ACTOR, permission: "runs.control" }, async (tx, run) => {
    const phases = await tx.runPhase.findMany({ where: { runId }, orderBy: { position: "asc" } });
    const to: TRunStatus = plan.endAs ?? "staging";
    const lastIndex = plan.endAs ? phases.length - 1 : phases.findIndex((p) => p.key === PHASE_OF_STATUS.staging);
    const stepMs = (plan.isUnderWay ? HOUR_MS / 2 : (plan.minutes * 60_000) / phases.length);
    const timing = phases.map((p, i) => ({
      id: p.id,
      startedAt: i <= lastIndex ? new Date(plan.startMs + i * stepMs) : null,
      completedAt: i < lastIndex || (plan.endAs && i === lastIndex) ? new Date(plan.startMs + (i + 1) * stepMs) : null,
    }));
    for (const t of timing) await tx.runPhase.update({ where: { id: t.id }, data: { startedAt: t.startedAt, completedAt: t.completedAt } });
    await tx.runItem.updateMany({
      where: { section: { phaseId: { in: phases.slice(0, plan.endAs ? phases.length : lastIndex).map((p) => p.id) }, intervalMinutes: null } },
      data: { state: "done", changedAt: new Date(plan.startMs), version: { increment: 1 } },
    });
    const startedAt = new Date(plan.startMs);
    const endedAt = plan.endAs ? new Date(plan.startMs + plan.minutes * 60_000) : null;
    const reason = plan.endAs === "rolled_back" ? "Week demo: p99 latency regression on canary" : null;
    const rolloutPercent = plan.endAs === "completed" ? 100 : plan.endAs === "rolled_back" ? 10 : 0;
    const updated = await tx.run.update({ where: { id: runId }, data: { status: to, startedAt, endedAt, statusReason: reason, rolloutPercent, version: { increment: 1 } } });
    const payload: TStatusChangedPayload = {
      from: run.status as TRunStatus,
      to,
      version: updated.version,
      reason: reason ?? "Week demo: prepared by npm run demo:week",
      phases: timing.map((t) => ({ id: t.id, startedAt: t.startedAt?.toISOString() ?? null, completedAt: t.completedAt?.toISOString() ?? null })),
      startedAt: startedAt.toISOString(),
      endedAt: endedAt?.toISOString() ?? null,
      plannedStart: updated.plannedStart.toISOString(),
    };
    return { type: "run.status_changed", payload };
  });
}

export type TSeededWeek = { created: number; existing: number; runIds: Record<string, string> };

export async function seedDemoWeek(now = new Date()): Promise<TSeededWeek> {
  await seedDefaultTemplate();
  const template = await db().template.findFirstOrThrow({ where: { isDefault: true } });
  for (const lead of Object.values(LEADS)) {
    await db().user.upsert({ where: { id: lead.id }, update: {}, create: { id: lead.id, name: lead.name, email: `${lead.id}@demo.warroom.invalid`, role: "lead" } });
  }
  const result: TSeededWeek = { created: 0, existing: 0, runIds: {} };
  for (const plan of weekPlans(now.getTime())) {
    const name = `${WEEK_PREFIX}${plan.name}`;
    const existing = await db().run.findFirst({ where: { name }, select: { id: true } });
    if (existing) {
      result.existing++;
      result.runIds[plan.name] = existing.id;
      continue;
    }
    const run = await createRun(WEEK_ACTOR, {
      templateId: template.id,
      name,
      service: plan.service,
      targetVersion: plan.version,
      plannedStart: new Date(plan.startMs).toISOString(),
      plannedDurationMin: plan.minutes,
      roles: { deployment_lead: LEADS[plan.lead].id },
    });
    if (plan.endAs || plan.isUnderWay) await moveAlong(run.id, plan);
    result.created++;
    result.runIds[plan.name] = run.id;
  }
  if (!(await db().freezeWindow.findFirst({ where: { reason: WEEK_FREEZE_REASON } }))) {
    await saveFreeze(WEEK_ACTOR, { kind: "range", service: null, reason: WEEK_FREEZE_REASON, timeZone: "UTC", ...freezeWindow(now.getTime()) });
  }
  return result;
}
