// Writes a template definition (phases → sections → items, plus its playbook) in one transaction.
import { db } from "../db/client";
import { type TTemplateDefinition, ZTemplateDefinition } from "../domain/template-definition";
import type { Prisma } from "../generated/prisma/client";
import { phaseCreateData } from "./phase-tree";

export async function createTemplate(definition: TTemplateDefinition, options: { isDefault?: boolean } = {}) {
  const t = ZTemplateDefinition.parse(definition);
  return db().$transaction(async (tx) => {
    const template = await tx.template.create({
      data: {
        key: t.key,
        name: t.name,
        description: t.description,
        isDefault: options.isDefault ?? false,
        expectedDurationMinMinutes: t.expectedDurationMinMinutes,
        expectedDurationMaxMinutes: t.expectedDurationMaxMinutes,
        playbook: t.playbook as Prisma.InputJsonValue,
      },
    });
    for (const [phaseIndex, phase] of t.phases.entries()) {
      await tx.templatePhase.create({
        data: { templateId: template.id, ...phaseCreateData(phase, phaseIndex) },
      });
    }
    return template;
    // Some 150 rows, one statement each: on a loaded machine this passes Prisma's 5 s default, and an
    // expired transaction let the seed fail at start-up with a foreign-key error (seen in e2e runs).
  }, { timeout: 60_000 });
}
