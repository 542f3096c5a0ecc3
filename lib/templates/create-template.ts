// Writes a template definition (phases → sections → items, plus its playbook) in one transaction.
import { db } from "../db/client";
import { type TTemplateDefinition, ZTemplateDefinition } from "../domain/template-definition";
import type { Prisma } from "../generated/prisma/client";

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
        data: {
          templateId: template.id,
          position: phaseIndex,
          key: phase.key,
          title: phase.title,
          budgetMinMinutes: phase.budgetMinMinutes,
          budgetMaxMinutes: phase.budgetMaxMinutes,
          successCriteria: phase.successCriteria,
          sections: {
            create: phase.sections.map((section, sectionIndex) => ({
              position: sectionIndex,
              title: section.title,
              budgetMinutes: section.budgetMinutes,
              command: section.command,
              expectedOutput: section.expectedOutput,
              intervalMinutes: section.intervalMinutes,
              items: {
                create: section.items.map((item, itemIndex) => ({
                  position: itemIndex,
                  depth: item.depth,
                  text: item.text,
                  command: item.command,
                  expectedOutput: item.expectedOutput,
                  required: item.required,
                })),
              },
            })),
          },
        },
      });
    }
    return template;
  });
}
