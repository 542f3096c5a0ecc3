// The user lifecycle: invites and password resets by one-time links, the password policy, disabling
// and re-enabling an account, and the last active admin.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeRun, makeTeam, PASSWORD } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { AppError, toErrorResponse } from "../errors";
import { issuePasswordReset, redeemAccessLink } from "./access-links";
import { auth } from "./auth";
import { setUserDisabled } from "./user-status";
import { createUser, setUserRole, type TActor } from "./users";

useTestDatabase("user_lifecycle");

let admin: TActor;
const unique = () => `${Math.random().toString(36).slice(2)}@example.com`;
const signIn = (email: string, password: string) => auth().api.signInEmail({ body: { email, password }, asResponse: true });

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return toErrorResponse(error);
}

async function invited(role: TRole = "member") {
  const email = unique();
  const { user, inviteToken } = await createUser(admin, { name: "Ivy Invitee", email, role });
  return { user, email, inviteToken };
}

describe("invite and reset links", () => {
  it("an invite is stored only as its SHA-256, sets the password once, and the invitee signs in", async () => {
    admin = (await makeTeam()).admin;
    const { user, email, inviteToken } = await invited();
    const [link] = await db().accessLink.findMany({ where: { userId: user.id } });
    expect(link.tokenHash).toBe(createHash("sha256").update(inviteToken).digest("hex"));
    expect(JSON.stringify(link)).not.toContain(inviteToken);
    expect((await signIn(email, PASSWORD)).status).toBe(401); // no password until the invite is used
    await redeemAccessLink({ token: inviteToken, password: PASSWORD });
    expect((await signIn(email, PASSWORD)).status).toBe(200);
    const again = await refusal(redeemAccessLink({ token: inviteToken, password: "another long passphrase" }));
    expect(again).toMatchObject({ status: 404, body: { error: { message: expect.stringMatching(/already used or expired/) } } });
    expect((await signIn(email, "another long passphrase")).status).toBe(401);
  });

  it("a link expires after 72 hours", async () => {
    const { inviteToken } = await invited();
    const later = new Date(Date.now() + 72 * 3_600_000 + 1_000);
    expect((await refusal(redeemAccessLink({ token: inviteToken, password: PASSWORD }, later))).status).toBe(404);
    await redeemAccessLink({ token: inviteToken, password: PASSWORD }, new Date(Date.now() + 71 * 3_600_000));
  });

  it("an admin's reset link replaces the password once and ends the user's sessions", async () => {
    const { user, email, inviteToken } = await invited();
    await redeemAccessLink({ token: inviteToken, password: PASSWORD });
    expect((await signIn(email, PASSWORD)).status).toBe(200);
    await expect(issuePasswordReset({ ...admin, role: "lead" }, { userId: user.id })).rejects.toMatchObject({ code: "forbidden" });
    const { token } = await issuePasswordReset(admin, { userId: user.id });
    await redeemAccessLink({ token, password: "a brand new passphrase" });
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    expect((await signIn(email, PASSWORD)).status).toBe(401);
    expect((await signIn(email, "a brand new passphrase")).status).toBe(200);
    expect((await refusal(redeemAccessLink({ token, password: "yet another passphrase" }))).status).toBe(404);
  });

  it("weak passwords are refused with a 422 naming the field, and the link stays usable", async () => {
    const { inviteToken } = await invited();
    const short = await refusal(redeemAccessLink({ token: inviteToken, password: "elevenchars" }));
    expect(short).toMatchObject({ status: 422, body: { error: { code: "invalid_input", message: "password: Password must be at least 12 characters" } } });
    const common = await refusal(redeemAccessLink({ token: inviteToken, password: "Masterbating" }));
    expect(common).toMatchObject({ status: 422, body: { error: { message: expect.stringMatching(/^password: .*most common passwords/) } } });
    await redeemAccessLink({ token: inviteToken, password: PASSWORD });
  });
});

describe("disabling an account", () => {
  it("deletes its sessions, refuses its sign-in with a clear message, keeps its timeline entries; enabling restores sign-in", async () => {
    const { user, email, inviteToken } = await invited("lead");
    await redeemAccessLink({ token: inviteToken, password: PASSWORD });
    expect((await signIn(email, PASSWORD)).status).toBe(200);
    const run = await makeRun(user);
    const entries = await db().timelineEvent.count({ where: { actorId: user.id } });
    expect(entries).toBeGreaterThan(0);
    await expect(setUserDisabled({ ...admin, role: "lead" }, { userId: user.id, isDisabled: true })).rejects.toMatchObject({ code: "forbidden" });
    await setUserDisabled(admin, { userId: user.id, isDisabled: true });
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    const refused = await signIn(email, PASSWORD);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ message: "This account is disabled — ask an admin" });
    expect((await signIn(email, "not the password at all")).status).toBe(401); // the password is checked first
    expect(await db().timelineEvent.count({ where: { actorId: user.id } })).toBe(entries);
    expect(await db().run.findUnique({ where: { id: run.id } })).not.toBeNull();
    await setUserDisabled(admin, { userId: user.id, isDisabled: false });
    expect((await signIn(email, PASSWORD)).status).toBe(200);
  });

  it("the last active admin can be neither disabled nor demoted", async () => {
    await expect(setUserDisabled(admin, { userId: admin.id, isDisabled: true })).rejects.toMatchObject({ code: "conflict" });
    await expect(setUserRole(admin, { userId: admin.id, role: "lead" })).rejects.toMatchObject({ code: "conflict" });
    // A second admin who is disabled does not count.
    const { user: second } = await invited("admin");
    await setUserDisabled(admin, { userId: second.id, isDisabled: true });
    await expect(setUserRole(admin, { userId: admin.id, role: "viewer" })).rejects.toMatchObject({ code: "conflict" });
    await expect(setUserDisabled(admin, { userId: admin.id, isDisabled: true })).rejects.toMatchObject({ code: "conflict" });
    await setUserDisabled(admin, { userId: second.id, isDisabled: false });
    await setUserRole(admin, { userId: admin.id, role: "lead" });
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("lead");
  });
});
