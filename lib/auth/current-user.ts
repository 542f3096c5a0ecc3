// Server components and server actions: the signed-in user, or a redirect to where they belong.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { REQUEST_PATH_HEADER, signInPath } from "../domain/return-path";
import { can, type TPermission } from "../domain/roles";
import { allowedUser, userFromHeaders, type TSessionUser } from "./session";
import { hasAnyUser } from "./users";

export async function currentUser(): Promise<TSessionUser | null> {
  return userFromHeaders(await headers());
}

/** For pages: a first visit goes to /setup, an anonymous one to /sign-in (and back to this page after). */
export async function requirePageUser(permission?: TPermission): Promise<TSessionUser> {
  const user = await currentUser();
  if (!user) redirect((await hasAnyUser()) ? signInPath((await headers()).get(REQUEST_PATH_HEADER)) : "/setup");
  if (permission && !can(user.role, permission)) redirect("/?denied=1");
  return user;
}

/** For server actions and route handlers: throws instead of redirecting. */
export async function requireUser(permission?: TPermission): Promise<TSessionUser> {
  return allowedUser(await currentUser(), permission);
}
