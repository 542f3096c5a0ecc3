"use server";
// Server actions for the admin API keys page: create a workspace key (its secret is in the result,
// shown once) and revoke one. Each goes through runAction (authenticate → apikeys.manage → run).
import { revalidatePath } from "next/cache";
import { formList, formValues } from "../actions/form";
import { runAction, type TActionResult } from "../actions/safe-action";
import { createWorkspaceKey, revokeWorkspaceKey, type TApiKeyView } from "./keys";

const PAGE = "/admin/api-keys";

export type TCreateKeyState = TActionResult<{ key: TApiKeyView; token: string }> | null;

export async function createWorkspaceKeyAction(_prev: TCreateKeyState, form: unknown): Promise<TCreateKeyState> {
  // A server action is a public endpoint: whatever arrives in place of the form reads as empty fields.
  const input = { name: formValues(form).name ?? "", scopes: formList(form, "scopes") };
  const result = await runAction("apikeys.manage", (user) => createWorkspaceKey(user, input));
  if (result.ok) revalidatePath(PAGE);
  return result;
}

export async function revokeWorkspaceKeyAction(keyId: string): Promise<TActionResult<TApiKeyView>> {
  const result = await runAction("apikeys.manage", (user) => revokeWorkspaceKey(user, { keyId }));
  if (result.ok) revalidatePath(PAGE);
  return result;
}
