"use server";
// Server actions for the template editor: copy a template (a form on /templates, then on to the
// copy's editor), save an edited one (the editor posts its draft), and preview or import a Markdown
// runbook. Validated in the commands.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formValues } from "../actions/form";
import { runAction, type TActionResult } from "../actions/safe-action";
import { copyTemplate, saveTemplate } from "./edit-commands";
import { importRunbookTemplate, previewRunbookImport, type TRunbookPreview } from "./runbooks";

/** Only failures come back: success goes on to the copy's editor. */
export type TCopyTemplateState = { ok: false; error: string; code: string } | null;

export async function copyTemplateAction(_prev: TCopyTemplateState, form: FormData): Promise<TCopyTemplateState> {
  const values = formValues(form);
  const result = await runAction("templates.edit", (user) => copyTemplate(user, { templateId: values.templateId ?? "", name: values.name ?? "" }));
  if (!result.ok) return result;
  revalidatePath("/templates");
  // Outside runAction: redirect() signals by throwing.
  redirect(`/templates/${result.data.id}/edit`);
}

export async function saveTemplateAction(input: unknown): Promise<TActionResult<{ id: string; version: number }>> {
  const result = await runAction("templates.edit", (user) => saveTemplate(user, input));
  if (result.ok) {
    revalidatePath("/templates");
    revalidatePath("/runs/new");
  }
  return result;
}

/** What a pasted or uploaded Markdown runbook would import as; writes nothing. */
export async function previewRunbookAction(input: unknown): Promise<TActionResult<TRunbookPreview>> {
  return runAction("templates.edit", async (user) => previewRunbookImport(user, input));
}

/** Imports the runbook as a new template (the same reading as the preview). */
export async function importRunbookAction(input: unknown): Promise<TActionResult<{ id: string; name: string }>> {
  const result = await runAction("templates.edit", (user) => importRunbookTemplate(user, input));
  if (!result.ok) return result;
  revalidatePath("/templates");
  revalidatePath("/runs/new");
  return { ok: true, data: { id: result.data.id, name: result.data.name } };
}
