// Test data factories: users of each role and a run made from the seeded runbook.
import { randomUUID } from "node:crypto";
import { auth } from "../../lib/auth/auth";
import { redeemAccessLink } from "../../lib/auth/access-links";
import { createFirstAdmin, createUser, type TActor, type TInvitee, type TUserSummary } from "../../lib/auth/users";
import { db } from "../../lib/db/client";
import type { TRole } from "../../lib/domain/roles";
import { createRun } from "../../lib/runs/create-run";
import { seedDefaultTemplate } from "../../lib/templates/seed";

export const PASSWORD = "correct horse battery";

export async function makeTeam(): Promise<Record<TRole, TActor>> {
  const admin = await createFirstAdmin({ name: "Ada Admin", email: `ada-${randomUUID()}@example.com`, password: PASSWORD })
    .catch(async () => db().user.findFirstOrThrow({ where: { role: "admin" } }));
  const make = (role: TRole, name: string) => makeUser(admin, { name, email: `${role}-${randomUUID()}@example.com`, role });
  const [lead, member, viewer] = await Promise.all([make("lead", "Lee Lead"), make("member", "Max Member"), make("viewer", "Vera Viewer")]);
  const actor = (u: { id: string; name: string; role: TRole }): TActor => ({ id: u.id, name: u.name, role: u.role });
  return { admin: actor(admin as never), lead: actor(lead), member: actor(member), viewer: actor(viewer) };
}

/** An account as an admin makes it (an invite), with the invite used to set PASSWORD. */
export async function makeUser(admin: TActor, invitee: TInvitee): Promise<TUserSummary> {
  const { user, inviteToken } = await createUser(admin, invitee);
  await redeemAccessLink({ token: inviteToken, password: PASSWORD });
  return user;
}

export async function makeRun(lead: TActor, overrides: Record<string, unknown> = {}) {
  await seedDefaultTemplate();
  const template = await db().template.findFirstOrThrow({ where: { isDefault: true } });
  return createRun(lead, {
    templateId: template.id,
    name: "Deploy MIDI 9",
    service: "midi-api",
    targetVersion: "9.0.0",
    commit: "6eb59fa",
    plannedStart: new Date().toISOString(),
    plannedDurationMin: 420,
    roles: { deployment_lead: lead.id },
    ...overrides,
  });
}

export async function sessionCookie(email: string, password = PASSWORD): Promise<string> {
  const response = await auth().api.signInEmail({ body: { email, password }, asResponse: true });
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}
