// Writes a template definition (phases → sections → items, plus its playbook) in one transaction.
import { db, RUNBOOK_WRITE } from "../db/client";
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
  }, RUNBOOK_WRITE);
}
