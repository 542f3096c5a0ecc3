// The template editor's two commands: copy a template under a new name, and save an edited one.
// Both: validate → authorize → rule → one transaction. Runs copy their template's tree and playbook
// when they are created (lib/runs/create-run.ts), so a save never changes a run, running or not.
import type { TActor } from "../auth/users";
import { db, RUNBOOK_WRITE } from "../db/client";
import { can } from "../domain/roles";
import { ZTemplateDefinition, type TPlaybook } from "../domain/template-definition";
import { fromDraft, toDraft } from "../domain/template-draft";
import { validateTemplateDraft, type TTemplateProblem } from "../domain/template-validation";
import { AppError, describeZodError, parseInput } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { createTemplate } from "./create-template";
import { isBuiltIn, loadStoredTemplate, templateNameTaken } from "./editor-queries";
import { phaseCreateData } from "./phase-tree";
import { missingDataSources } from "./rule-sources";
import { ZCopyTemplate, ZSaveTemplate } from "./schemas";

function authorize(actor: TActor) {
  if (!can(actor.role, "templates.edit")) throw new AppError("forbidden", "Only leads and admins can edit templates.");
}

/** "…; …; … (and 4 more problems)": the first few, whole, so the message stays readable. */
export function describeProblems(problems: readonly TTemplateProblem[]): string {
  const shown = problems.slice(0, 3).map((p) => p.message).join("; ");
  const more = problems.length - 3;
  return more > 0 ? `${shown} (and ${more} more ${more === 1 ? "problem" : "problems"})` : shown;
}

export async function copyTemplate(actor: TActor, input: unknown): Promise<{ id: string }> {
  authorize(actor);
  const { templateId, name } = parseInput(ZCopyTemplate, input);
  const loaded = await loadStoredTemplate(db(), templateId);
  if (!loaded) throw new AppError("not_found", "No such template.");
  if (await templateNameTaken(db(), name)) throw new AppError("conflict", `A template named “${name}” already exists: choose another name.`);
  const { definition, playbook } = fromDraft(toDraft({ ...loaded.stored, name }));
  // No key: a copy is the team's own template, editable in place.
  const template = await createTemplate({ ...definition, description: loaded.stored.description, playbook: { ...loaded.stored.playbook, ...playbook } });
  return { id: template.id };
}

export async function saveTemplate(actor: TActor, input: unknown): Promise<{ id: string; version: number }> {
  authorize(actor);
  const { templateId, version, draft } = parseInput(ZSaveTemplate, input);
  const problems = validateTemplateDraft(draft);
  if (problems.length) throw new AppError("invalid_input", describeProblems(problems), problems);
  return db().$transaction(async (tx) => {
    const loaded = await loadStoredTemplate(tx, templateId);
    if (!loaded) throw new AppError("not_found", "No such template.");
    if (isBuiltIn(loaded.row)) throw new AppError("forbidden", `“${loaded.row.name}” is built in: copy it and edit the copy.`);
    const missing = await missingDataSources(tx, draft);
    if (missing.length) throw new AppError("invalid_input", describeProblems(missing), missing);
    if (await templateNameTaken(tx, draft.name, templateId)) {
      throw new AppError("conflict", `A template named “${draft.name.trim()}” already exists: choose another name.`);
    }
    const { definition, playbook } = fromDraft(draft);
    // Decision trees, manual triggers and the record are not edited here: kept as stored.
    const merged: TPlaybook = { ...loaded.stored.playbook, ...playbook };
    const parsed = ZTemplateDefinition.safeParse({ ...definition, playbook: merged });
    if (!parsed.success) throw new AppError("invalid_input", describeZodError(parsed.error));
    const t = parsed.data;
    const { count } = await tx.template.updateMany({
      where: { id: templateId, version },
      data: {
        name: t.name,
        description: t.description,
        expectedDurationMinMinutes: t.expectedDurationMinMinutes,
        expectedDurationMaxMinutes: t.expectedDurationMaxMinutes,
        playbook: t.playbook as Prisma.InputJsonValue,
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      throw new AppError("conflict", `Someone saved this template after you opened it (now version ${loaded.row.version}): reload to see their changes.`);
    }
    // The tree is rewritten whole: its rows belong to this template alone (runs hold their own).
    await tx.templatePhase.deleteMany({ where: { templateId } });
    for (const [index, phase] of t.phases.entries()) {
      await tx.templatePhase.create({ data: { templateId, ...phaseCreateData(phase, index) } });
    }
    return { id: templateId, version: version + 1 };
  }, RUNBOOK_WRITE);
}
