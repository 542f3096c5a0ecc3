"use server";
// Server actions for accounts: first-run setup and admin user management.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formValues } from "../actions/form";
import { runAction, toActionError, type TActionResult } from "../actions/safe-action";
import { auth } from "./auth";
import { createFirstAdmin, createUser, setUserRole, type TUserSummary } from "./users";

const formObject = formValues;

export async function setupAction(_prev: TActionResult<null> | null, form: FormData): Promise<TActionResult<null>> {
  const input = formObject(form);
  try {
    await createFirstAdmin(input);
    // Sign the new admin straight in (nextCookies sets the session cookie on this response).
    await auth().api.signInEmail({ body: { email: input.email, password: input.password }, headers: await headers() });
  } catch (error) {
    return toActionError(error);
  }
  redirect("/");
}

export async function createUserAction(
  _prev: TActionResult<TUserSummary> | null,
  form: FormData,
): Promise<TActionResult<TUserSummary>> {
  const result = await runAction("users.manage", (user) => createUser(user, formObject(form)));
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function setUserRoleAction(userId: string, role: string): Promise<TActionResult<TUserSummary>> {
  const result = await runAction("users.manage", (user) => setUserRole(user, { userId, role }));
  if (result.ok) revalidatePath("/admin/users");
  return result;
}
