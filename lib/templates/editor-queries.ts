// Reading templates for the templates list and the template editor.
import { db } from "../db/client";
import { ZPlaybook, type TPlaybook } from "../domain/template-definition";
import { toDraft, type TStoredTemplate, type TTemplateDraft } from "../domain/template-draft";
import type { Prisma } from "../generated/prisma/client";

export const TEMPLATE_TREE = {
  phases: {
    orderBy: { position: "asc" },
    include: { sections: { orderBy: { position: "asc" }, include: { items: { orderBy: { position: "asc" } } } } },
  },
} satisfies Prisma.TemplateInclude;

type TTx = Prisma.TransactionClient;

/** A template with its tree and its playbook parsed; null when there is none (or its playbook is broken). */
export async function loadStoredTemplate(tx: TTx, templateId: string) {
  const row = await tx.template.findUnique({ where: { id: templateId }, include: TEMPLATE_TREE });
  if (!row) return null;
  const playbook = ZPlaybook.safeParse(row.playbook);
  if (!playbook.success) return null;
  const stored: TStoredTemplate & { playbook: TPlaybook } = { ...row, playbook: playbook.data };
  return { row, stored };
}

/**
 * Built-in templates (seeded, so they carry a key) are copied, never edited: a restart re-seeds
 * only a missing one, so an edit in place could never be undone.
 */
export const isBuiltIn = (template: { key: string | null }) => template.key !== null;

export type TTemplateListEntry = {
  id: string;
  name: string;
  description: string;
  isDefault: boolean;
  isBuiltIn: boolean;
  phaseCount: number;
  itemCount: number;
  runCount: number;
  updatedAt: string;
};

export async function listTemplates(): Promise<TTemplateListEntry[]> {
  const rows = await db().template.findMany({
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
    include: {
      _count: { select: { runs: true, phases: true } },
      phases: { select: { sections: { select: { _count: { select: { items: true } } } } } },
    },
  });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    isDefault: t.isDefault,
    isBuiltIn: isBuiltIn(t),
    phaseCount: t._count.phases,
    itemCount: t.phases.reduce((sum, p) => sum + p.sections.reduce((s, x) => s + x._count.items, 0), 0),
    runCount: t._count.runs,
    updatedAt: t.updatedAt.toISOString(),
  }));
}

export type TTemplateForEditor = {
  id: string;
  version: number;
  isBuiltIn: boolean;
  runCount: number;
  /** Everything the editor edits, the rollout steps included. */
  draft: TTemplateDraft;
};

export async function getTemplateForEditor(templateId: string): Promise<TTemplateForEditor | null> {
  if (templateId.length > 64) return null;
  const loaded = await loadStoredTemplate(db(), templateId);
  if (!loaded) return null;
  const runCount = await db().run.count({ where: { templateId } });
  return {
    id: loaded.row.id,
    version: loaded.row.version,
    isBuiltIn: isBuiltIn(loaded.row),
    runCount,
    draft: toDraft(loaded.stored),
  };
}

/** Case-insensitive: two templates a person cannot tell apart in the new-run picker are refused. */
export async function templateNameTaken(tx: TTx, name: string, exceptId?: string): Promise<boolean> {
  const clash = await tx.template.findFirst({
    where: { name: { equals: name.trim(), mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  return clash !== null;
}
