// Create a run from a template: the run gets its own copy of phases, sections, items and playbook,
// so editing the template later never changes a deployment under way. Its planned window's conflicts
// (lib/domain/window-conflicts.ts) come back with it.
import { db, RUNBOOK_WRITE } from "../db/client";
import { actorCan } from "../api/scopes";
import { compressPlaybook } from "../domain/time-scale";
import { AppError, parseInput } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { TActor } from "../auth/users";
import type { TScopedActor } from "../api/scopes";
import { phaseCreateData } from "../templates/phase-tree";
import { broadcastTowerChange } from "../timeline/broadcast";
import { conflictsForWindow } from "../tower/windows";
import { ZCreateRun } from "./schemas";

type TCreateRunOptions = {
  /** Runs inside the creating transaction, after the run is written (the API records its Idempotency-Key here). */
  onCreated?: (tx: Prisma.TransactionClient, run: { id: string }) => Promise<void>;
};

export async function createRun(actor: TActor | TScopedActor, input: unknown, options: TCreateRunOptions = {}) {
  if (!actorCan(actor, "runs.create")) throw new AppError("forbidden", "Only leads and admins can create runs.");
  const data = parseInput(ZCreateRun, input);
  // The template is read in several queries: one snapshot for all of them (REPEATABLE READ) keeps a
  // template save committing in between from giving the run one version's checklist and another's
  // playbook, without making saves wait for runs being created. The run's own rows conflict with nothing.
  const created = await db().$transaction(async (tx) => {
    const template = await tx.template.findUnique({
      where: { id: data.templateId },
      include: {
        phases: {
          orderBy: { position: "asc" },
          include: { sections: { orderBy: { position: "asc" }, include: { items: { orderBy: { position: "asc" } } } } },
        },
      },
    });
    if (!template) throw new AppError("not_found", "No such template.");
    const roleEntries = Object.entries(data.roles).filter((e): e is [string, string] => Boolean(e[1]));
    const users = await tx.user.findMany({ where: { id: { in: roleEntries.map(([, id]) => id) } }, select: { id: true } });
    const missing = roleEntries.filter(([, id]) => !users.some((u) => u.id === id));
    if (missing.length) throw new AppError("invalid_input", `roles.${missing[0][0]}: no such user`);

    const run = await tx.run.create({
      data: {
        templateId: template.id,
        name: data.name,
        service: data.service,
        targetVersion: data.targetVersion,
        commit: data.commit,
        plannedStart: data.plannedStart,
        plannedDurationMin: data.plannedDurationMin,
        playbook: compressPlaybook(template.playbook as Record<string, unknown>, data.timeScale) as Prisma.InputJsonValue,
        createdById: actor.id,
        lastSeq: 1,
        roles: { create: roleEntries.map(([role, userId]) => ({ role: role as never, userId })) },
        // Ordered by position, so list order is the template's order.
        phases: { create: template.phases.map((phase, index) => phaseCreateData(phase, index)) },
      },
    });
    await tx.timelineEvent.create({
      data: {
        runId: run.id,
        seq: 1,
        actorId: actor.id,
        actorName: actor.name,
        type: "run.created",
        payload: { name: run.name, service: run.service, targetVersion: run.targetVersion, template: template.name, ...(data.timeScale > 1 && { timeScale: data.timeScale }) },
      },
    });
    await options.onCreated?.(tx, run);
    // Flagged, never refused: the lead sees why the window clashes (the form warned before too).
    const lead = data.roles.deployment_lead;
    const conflicts = await conflictsForWindow({ runId: run.id, service: run.service, plannedStart: run.plannedStart, plannedDurationMin: run.plannedDurationMin, leadId: lead }, tx);
    return { ...run, conflicts };
  }, { isolationLevel: "RepeatableRead", ...RUNBOOK_WRITE });
  // Its first event is written above, outside the command path (there is no run to lock yet): the tower hears of it here.
  broadcastTowerChange({ runId: created.id, type: "run.created" });
  return created;
}
