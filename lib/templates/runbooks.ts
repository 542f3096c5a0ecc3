// Runbooks as code: import a Markdown runbook as a new template (or only preview what would be
// understood), and export a template as Markdown. The parsing is pure (lib/domain/runbook-markdown);
// creating goes through createTemplate, the path the template editor's copy takes.
import { actorCan, type TScopedActor } from "../api/scopes";
import { db } from "../db/client";
import { exportRunbook } from "../domain/runbook-markdown/export";
import { importRunbook } from "../domain/runbook-markdown/import";
import { RunbookImportError, type TImportPreview } from "../domain/runbook-markdown/types";
import { ZTemplateDefinition, type TTemplateDefinition } from "../domain/template-definition";
import { fromDraft, toDraft } from "../domain/template-draft";
import { AppError, parseInput } from "../errors";
import { createTemplate } from "./create-template";
import { loadStoredTemplate, templateNameTaken } from "./editor-queries";
import { ZImportRunbook } from "./schemas";

export type TRunbookPreview = {
  name: string;
  preview: TImportPreview;
  /** Phase by phase, what the template will hold: for a person to check before creating it. */
  phases: { title: string; sections: { title: string; items: number; notes: number }[] }[];
};

function authorize(actor: TScopedActor, permission: "templates.read" | "templates.edit") {
  if (!actorCan(actor, permission)) {
    throw new AppError("forbidden", permission === "templates.edit" ? "Only leads and admins can import templates." : "You may not read templates.");
  }
}

function understand(input: unknown): { definition: TTemplateDefinition; summary: TRunbookPreview } {
  const { markdown, name } = parseInput(ZImportRunbook, input);
  try {
    const { definition, preview } = importRunbook(markdown, { name });
    const phases = definition.phases.map((p) => ({
      title: p.title,
      sections: p.sections.map((s) => ({ title: s.title, items: s.items.length, notes: s.notes?.length ?? 0 })),
    }));
    return { definition, summary: { name: definition.name, preview, phases } };
  } catch (error) {
    if (!(error instanceof RunbookImportError)) throw error;
    const code = /the limit is/.test(error.message) ? "payload_too_large" : "invalid_input";
    throw new AppError(code, error.message, { field: "markdown" });
  }
}

/** What the import would create, writing nothing. */
export function previewRunbookImport(actor: TScopedActor, input: unknown): TRunbookPreview {
  authorize(actor, "templates.edit");
  return understand(input).summary;
}

export async function importRunbookTemplate(actor: TScopedActor, input: unknown): Promise<TRunbookPreview & { id: string }> {
  authorize(actor, "templates.edit");
  const { definition, summary } = understand(input);
  if (await templateNameTaken(db(), definition.name)) {
    throw new AppError("conflict", `A template named “${definition.name}” already exists: choose another name.`, { field: "name" });
  }
  // No key: an imported runbook is the team's own template, editable in place.
  const template = await createTemplate({ ...definition, key: undefined });
  return { id: template.id, ...summary };
}

/** The template as a Markdown runbook in the seed's shape (importRunbook reads it back equal). */
export async function exportTemplateMarkdown(actor: TScopedActor, templateId: string): Promise<{ name: string; markdown: string }> {
  authorize(actor, "templates.read");
  const loaded = templateId.length <= 64 ? await loadStoredTemplate(db(), templateId) : null;
  if (!loaded) throw new AppError("not_found", "No such template.");
  const { definition, playbook } = fromDraft(toDraft(loaded.stored));
  const template = ZTemplateDefinition.parse({ ...definition, description: loaded.stored.description, playbook: { ...loaded.stored.playbook, ...playbook } });
  return { name: template.name, markdown: exportRunbook(template) };
}

/** "Deployment Day" → "deployment-day.md". */
export const runbookFileName = (name: string) => `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "runbook"}.md`;
