// Create a run from a template: the run gets its own copy of phases, sections, items and playbook,
// so editing the template later never changes a deployment under way.
import { db } from "../db/client";
import { can } from "../domain/roles";
import { AppError, parseInput } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { TActor } from "../auth/users";
import { ZCreateRun } from "./schemas";

export async function createRun(actor: TActor, input: unknown) {
  if (!can(actor.role, "runs.create")) throw new AppError("forbidden", "Only leads and admins can create runs.");
  const data = parseInput(ZCreateRun, input);
  return db().$transaction(async (tx) => {
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
        playbook: template.playbook as Prisma.InputJsonValue,
        createdById: actor.id,
        lastSeq: 1,
        roles: { create: roleEntries.map(([role, userId]) => ({ role: role as never, userId })) },
        phases: {
          create: template.phases.map((phase) => ({
            position: phase.position,
            key: phase.key,
            title: phase.title,
            budgetMinMinutes: phase.budgetMinMinutes,
            budgetMaxMinutes: phase.budgetMaxMinutes,
            successCriteria: phase.successCriteria,
            sections: {
              create: phase.sections.map((section) => ({
                position: section.position,
                title: section.title,
                budgetMinutes: section.budgetMinutes,
                command: section.command,
                expectedOutput: section.expectedOutput,
                intervalMinutes: section.intervalMinutes,
                items: {
                  create: section.items.map((item) => ({
                    position: item.position,
                    depth: item.depth,
                    text: item.text,
                    command: item.command,
                    expectedOutput: item.expectedOutput,
                    required: item.required,
                  })),
                },
              })),
            },
          })),
        },
      },
    });
    await tx.timelineEvent.create({
      data: {
        runId: run.id,
        seq: 1,
        actorId: actor.id,
        actorName: actor.name,
        type: "run.created",
        payload: { name: run.name, service: run.service, targetVersion: run.targetVersion, template: template.name },
      },
    });
    return run;
  });
}
