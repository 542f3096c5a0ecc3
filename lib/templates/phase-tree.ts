// The nested create data for one phase → sections → items. Templates and runs store the same tree
// (a run copies its template's), so both write it through here; positions follow list order.

import type { Prisma } from "../generated/prisma/client";

type TItemNode = { depth: number; text: string; command?: string | null; expectedOutput?: string | null; required: boolean; metricLink?: Prisma.JsonValue };
type TSectionNode = {
  title: string;
  budgetMinutes?: number | null;
  command?: string | null;
  expectedOutput?: string | null;
  intervalMinutes?: number | null;
  notes?: string[];
  items: TItemNode[];
};
export type TPhaseNode = {
  key: string;
  title: string;
  budgetMinMinutes: number;
  budgetMaxMinutes: number;
  successCriteria: string[];
  sections: TSectionNode[];
};

export function phaseCreateData(phase: TPhaseNode, position: number) {
  return {
    position,
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
        notes: section.notes ?? [],
        items: {
          create: section.items.map((item, itemIndex) => ({
            position: itemIndex,
            depth: item.depth,
            text: item.text,
            command: item.command,
            expectedOutput: item.expectedOutput,
            required: item.required,
            // Json null is "no link": leave the column empty rather than storing JSON null.
            metricLink: item.metricLink ?? undefined,
          })),
        },
      })),
    },
  };
}
