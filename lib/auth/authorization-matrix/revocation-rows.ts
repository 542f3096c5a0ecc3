// The matrix's revocation rows: every socket event of the war room, sent on a socket that was opened
// by an admin who is then demoted, signed out or disabled. The socket was allowed everything at its
// handshake; after the change it must be refused (or already dropped), change nothing, and be
// dropped by the server within 1 s. The events come from what the server registers (discovered),
// each made valid by its matrix entry.
import { randomUUID } from "node:crypto";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { dbChangesSince, dbMark } from "../../../e2e/support/db-changes";
import { makeUser, sessionCookie } from "../../../e2e/support/factories";
import { discoverSocketEvents } from "../../../e2e/support/socket-registry";
import { resetRateLimits } from "../../security/rate-limit";
import { createShareLink } from "../../share/server/share-links";
import { auth } from "../auth";
import { setUserDisabled } from "../user-status";
import { setUserRole, type TActor } from "../users";
import { freshRun } from "./arrange";
import { REFUSAL_CODES, type TEntry } from "./calls";
import { SOCKET_ENTRIES } from "./socket-entries";
import { world } from "./world";

export const REVOCATIONS = {
  "after demotion": (user: TActor) => setUserRole(world.team.admin, { userId: user.id, role: "viewer" }),
  "after sign-out": (_user: TActor, cookie: string) => auth().api.signOut({ headers: new Headers({ cookie }) }),
  "after disable": (user: TActor) => setUserDisabled(world.team.admin, { userId: user.id, isDisabled: true }),
} satisfies Record<string, (user: TActor, cookie: string) => Promise<unknown>>;
export type TRevocation = keyof typeof REVOCATIONS;

const DROP_WITHIN_MS = 1_000;

/** The war room's socket events as the server registers them. */
export async function discoveredMainEvents(): Promise<string[]> {
  const { token } = await createShareLink(world.team.lead, { runId: (await freshRun()).id, label: "probe" });
  return (await discoverSocketEvents({ cookie: world.cookies.get("admin")!, shareToken: token })).main;
}

async function openAdminSocket(): Promise<{ user: TActor; cookie: string; socket: ClientSocket }> {
  const email = `revoked-${randomUUID()}@example.com`;
  const user = await makeUser(world.team.admin, { name: "Soon Revoked", email, role: "admin" });
  const cookie = await sessionCookie(email);
  const socket = connect(world.baseUrl, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie } });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return { user, cookie, socket };
}

function droppedBy(socket: ClientSocket, deadline: number): Promise<boolean> {
  if (!socket.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
    socket.once("disconnect", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** What the stale socket got for the call: "refused" (an error or dropped unanswered) or what went wrong. */
async function staleCall(socket: ClientSocket, event: string, input: unknown): Promise<string> {
  if (!socket.connected) return "refused";
  if (event === "run:leave") {
    socket.emit(event, input);
    return "refused";
  }
  const dropped = new Promise<string>((resolve) => socket.once("disconnect", () => resolve("refused")));
  const answered = socket
    .timeout(5_000)
    .emitWithAck(event, input)
    .then((reply: { error?: { code: string } }) => (!reply.error ? "allowed" : REFUSAL_CODES.includes(reply.error.code) ? "refused" : `failed: ${reply.error.code}`));
  return Promise.race([answered, dropped]);
}

/** One row: the event on an admin's socket after the revocation. */
export async function revocationRow(event: string, revocation: TRevocation): Promise<string> {
  const entry: TEntry | undefined = SOCKET_ENTRIES[`socket ${event}`];
  if (!entry) return "no matrix entry";
  resetRateLimits();
  const { user, cookie, socket } = await openAdminSocket();
  try {
    const c = { caller: "admin" as const, run: await freshRun(), actor: user, cookie };
    const input = await entry.prepare(c);
    const start = Date.now();
    await REVOCATIONS[revocation](user, cookie);
    const mark = await dbMark();
    let outcome = await staleCall(socket, event, input);
    const changed = await dbChangesSince(mark);
    if (changed.length) outcome = `${outcome} but changed ${changed.join(", ")}`;
    if (!(await droppedBy(socket, start + DROP_WITHIN_MS))) outcome += `, still connected after ${DROP_WITHIN_MS} ms`;
    return outcome;
  } finally {
    socket.close();
  }
}
