"use server";
// Server actions for accounts: first-run setup, admin user management, and setting a password
// through a one-time invite or reset link.
import { revalidatePath } from "next/cache";
import { formValues } from "../actions/form";
import { runAction, toActionError, type TActionResult } from "../actions/safe-action";
import { runtime } from "../runtime";
import { issuePasswordReset, setPasswordPath, redeemAccessLink } from "./access-links";
import { setUserDisabled } from "./user-status";
import { createFirstAdmin, createUser, setUserRole, type TUserSummary } from "./users";

const formObject = formValues;
const linkUrl = (token: string) => new URL(setPasswordPath(token), runtime().appUrl).toString();

/**
 * Creates the first admin. Signing in is the form's next step, from the browser (as the sign-in form
 * does): a session cookie set by an action makes Next render the page again in the same response, and
 * /setup then redirects on to the home page, so "Creating…" hung on while the home page rendered.
 */
export async function setupAction(_prev: TActionResult<null> | null, form: FormData): Promise<TActionResult<null>> {
  try {
    await createFirstAdmin(formObject(form));
  } catch (error) {
    return toActionError(error);
  }
  return { ok: true, data: null };
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
