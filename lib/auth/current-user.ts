// Server components and server actions: the signed-in user, or a redirect to where they belong.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { can, type TPermission } from "../domain/roles";
import { AppError } from "../errors";
import { userFromHeaders, type TSessionUser } from "./session";
import { hasAnyUser } from "./users";

export async function currentUser(): Promise<TSessionUser | null> {
  return userFromHeaders(await headers());
}

/** For pages: a first visit goes to /setup, an anonymous one to /sign-in. */
export async function requirePageUser(permission?: TPermission): Promise<TSessionUser> {
  const user = await currentUser();
  if (!user) redirect((await hasAnyUser()) ? "/sign-in" : "/setup");
  if (permission && !can(user.role, permission)) redirect("/?denied=1");
  return user;
}

/** For server actions and route handlers: throws instead of redirecting. */
export async function requireUser(permission?: TPermission): Promise<TSessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthenticated", "Sign in first.");
  if (permission && !can(user.role, permission)) {
    throw new AppError("forbidden", "Your role does not allow this.");
  }
  return user;
}
