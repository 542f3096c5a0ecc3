// The demo run, made (or found again) with the library code: a run from the seeded runbook whose
// earlier phases are marked done so it sits at the canary step of production, and a fresh API token
// (earlier demo tokens are revoked). With time compressed, the run is made with that time scale
// (lib/domain/time-scale.ts): its rule windows and rollout checkpoints divided by the same factor.
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TStatusChangedPayload } from "../domain/run-snapshot";
import { isTerminal, PHASE_OF_STATUS, type TRunStatus } from "../domain/run-status";
import { createApiToken, revokeApiToken } from "../metrics/tokens";
import { runCommand } from "../timeline/command";
import { createRun } from "../runs/create-run";
import { advanceRollout } from "../runs/rollout-commands";
import { seedDefaultTemplate } from "../templates/seed";

/** Who the demo's own changes are by, on the timeline. */
export const DEMO_ACTOR: TActor = { id: "system:demo", name: "Demo", role: "admin" };
export const DEMO_TOKEN_NAME = "npm run demo";

export const demoRunName = (speed: number) => (speed === 1 ? "Demo: checkout-api 2.4.0" : `Demo: checkout-api 2.4.0 (time ×${speed})`);

/** Marks the checklist before production done and moves the run into production, in one command. */
async function fastForwardToProduction(runId: string) {
  return runCommand({ runId, actor: DEMO_ACTOR, permission: "runs.control" }, async (tx, run, now) => {
    const phases = await tx.runPhase.findMany({ where: { runId }, orderBy: { position: "asc" } });
    const productionIndex = phases.findIndex((p) => p.key === PHASE_OF_STATUS.production);
    const timing = phases.map((p, i) => ({
      id: p.id,
      startedAt: i <= productionIndex ? now : null,
      completedAt: i < productionIndex ? now : null,
    }));
    for (const t of timing) await tx.runPhase.update({ where: { id: t.id }, data: { startedAt: t.startedAt, completedAt: t.completedAt } });
    await tx.runItem.updateMany({
      where: { section: { phaseId: { in: phases.slice(0, productionIndex).map((p) => p.id) }, intervalMinutes: null } },
      data: { state: "done", changedAt: now, version: { increment: 1 } },
    });
    const updated = await tx.run.update({ where: { id: runId }, data: { status: "production", startedAt: now, version: { increment: 1 } } });
    const payload: TStatusChangedPayload = {
      from: run.status as TRunStatus,
      to: "production",
      version: updated.version,
      reason: "Demo: the earlier phases were prepared by npm run demo",
      phases: timing.map((t) => ({ id: t.id, startedAt: t.startedAt?.toISOString() ?? null, completedAt: t.completedAt?.toISOString() ?? null })),
      startedAt: now.toISOString(),
      endedAt: null,
      plannedStart: updated.plannedStart.toISOString(),
    };
    return { type: "run.status_changed", payload };
  });
}

export type TDemoRun = { runId: string; token: string; isNew: boolean; hasUsers: boolean };

/** Finds the unfinished demo run for this speed or makes one at the canary step; always a new token. */
export async function prepareDemoRun(speed: number): Promise<TDemoRun> {
  await seedDefaultTemplate();
  const name = demoRunName(speed);
  const existing = await db().run.findFirst({ where: { name }, orderBy: { createdAt: "desc" } });
  let runId: string;
  let isNew = false;
  if (existing && !isTerminal(existing.status as TRunStatus)) {
    runId = existing.id;
  } else {
    const template = await db().template.findFirstOrThrow({ where: { isDefault: true } });
    const run = await createRun(DEMO_ACTOR, {
      templateId: template.id,
      name,
      service: "checkout-api",
      targetVersion: "2.4.0",
      commit: "6eb59fa",
      plannedStart: new Date().toISOString(),
      plannedDurationMin: 420,
      timeScale: speed,
    });
    runId = run.id;
    isNew = true;
    await fastForwardToProduction(runId);
    await advanceRollout(DEMO_ACTOR, { runId, fromPercent: 0 });
  }
  const stale = await db().runApiToken.findMany({ where: { runId, name: DEMO_TOKEN_NAME, revokedAt: null } });
  for (const token of stale) await revokeApiToken(DEMO_ACTOR, { runId, tokenId: token.id });
  const { token } = await createApiToken(DEMO_ACTOR, { runId, name: DEMO_TOKEN_NAME });
  return { runId, token, isNew, hasUsers: (await db().user.count()) > 0 };
}
