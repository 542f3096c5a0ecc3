"use server";
// Server actions for accounts: first-run setup, admin user management, and setting a password
// through a one-time invite or reset link.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formValues } from "../actions/form";
import { runAction, toActionError, type TActionResult } from "../actions/safe-action";
import { runtime } from "../runtime";
import { issuePasswordReset, setPasswordPath, redeemAccessLink } from "./access-links";
import { auth } from "./auth";
import { setUserDisabled } from "./user-status";
import { createFirstAdmin, createUser, setUserRole, type TUserSummary } from "./users";

const formObject = formValues;
const linkUrl = (token: string) => new URL(setPasswordPath(token), runtime().appUrl).toString();

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

/** The new account and its invite link, shown to the admin once (only the link's hash is kept). */
export async function createUserAction(
  _prev: TActionResult<TUserSummary & { inviteUrl: string }> | null,
  form: FormData,
): Promise<TActionResult<TUserSummary & { inviteUrl: string }>> {
  const result = await runAction("users.manage", async (actor) => {
    const { user, inviteToken } = await createUser(actor, formObject(form));
    return { ...user, inviteUrl: linkUrl(inviteToken) };
  });
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function issuePasswordResetAction(userId: string): Promise<TActionResult<{ resetUrl: string }>> {
  return runAction("users.manage", async (actor) => ({ resetUrl: linkUrl((await issuePasswordReset(actor, { userId })).token) }));
}

/** Anyone holding a live invite or reset link: the link is the credential. */
export async function setPasswordAction(_prev: TActionResult<{ email: string }> | null, form: FormData): Promise<TActionResult<{ email: string }>> {
  try {
    return { ok: true, data: await redeemAccessLink(formObject(form)) };
  } catch (error) {
    return toActionError(error);
  }
}

export async function setUserRoleAction(userId: string, role: string): Promise<TActionResult<TUserSummary>> {
  const result = await runAction("users.manage", (user) => setUserRole(user, { userId, role }));
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function setUserDisabledAction(userId: string, isDisabled: boolean): Promise<TActionResult<{ id: string; isDisabled: boolean }>> {
  const result = await runAction("users.manage", (user) => setUserDisabled(user, { userId, isDisabled }));
  if (result.ok) revalidatePath("/admin/users");
  return result;
}
