"use server";
// Server actions for runs. The form posts flat fields; they are mapped onto createRun's input here
// and validated there by ZCreateRun, so the form and every other caller share one schema.
import { redirect } from "next/navigation";
import { formValues } from "../actions/form";
import { runAction } from "../actions/safe-action";
import { createRun } from "./create-run";
import { RUN_ROLE_KINDS, type TCreateRunInput } from "./schemas";

/** Only failures come back: success redirects to the new run. */
export type TCreateRunState = { ok: false; error: string; code: string } | null;

const formObject = formValues;

function toCreateRunInput(values: Record<string, string>): TCreateRunInput {
  return {
    templateId: values.templateId ?? "",
    name: values.name ?? "",
    service: values.service ?? "",
    targetVersion: values.targetVersion ?? "",
    commit: values.commit ?? "",
    plannedStart: values.plannedStart ?? "",
    plannedDurationMin: values.plannedDurationMin ?? "",
    roles: Object.fromEntries(RUN_ROLE_KINDS.map((role) => [role, values[`role_${role}`] ?? ""])),
    timeScale: values.timeScale || undefined,
  };
}

export async function createRunAction(_prev: TCreateRunState, form: FormData): Promise<TCreateRunState> {
  const result = await runAction("runs.create", (user) => createRun(user, toCreateRunInput(formObject(form))));
  if (!result.ok) return result;
  // Outside runAction: redirect() signals by throwing.
  redirect(`/runs/${result.data.id}`);
}
