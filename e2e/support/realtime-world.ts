// What socket integration tests start from: a team (one account per role), session cookies for the
// roles a test signs in, and the app's Socket.IO server on a random port, installed with setIo as
// server.ts does, so commands made in the test broadcast to the clients it connects.
// Call it after useTestDatabase: its hooks need the database that one sets up.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { userFromHeaders } from "../../lib/auth/session";
import type { TActor } from "../../lib/auth/users";
import { db } from "../../lib/db/client";
import type { TRole } from "../../lib/domain/roles";
import { setIo, type TIo } from "../../lib/realtime/server/io";
import { createSocketServer } from "../../lib/wiring/socket-server";
import { makeTeam, sessionCookie } from "./factories";

export type TRealtimeWorld = {
  team: Record<TRole, TActor>;
  /** http://127.0.0.1:<port> of the Socket.IO server. */
  baseUrl: string;
  io: TIo;
  /** Session cookies of the roles signed in at the start. */
  cookies: Map<TRole, string>;
};

/** A session cookie for an existing account (signs in with the factories' password). */
export async function sessionCookieOf(actor: TActor): Promise<string> {
  const { email } = await db().user.findUniqueOrThrow({ where: { id: actor.id } });
  return sessionCookie(email);
}

/** Filled in by beforeAll; read its fields inside hooks and tests, not at the top of the file. */
export function useRealtimeWorld(options: { signedIn?: readonly TRole[] } = {}): TRealtimeWorld {
  const world = { cookies: new Map<TRole, string>() } as TRealtimeWorld;
  beforeAll(async () => {
    world.team = await makeTeam();
    for (const role of options.signedIn ?? []) world.cookies.set(role, await sessionCookieOf(world.team[role]));
    const httpServer = createServer();
    world.io = createSocketServer(httpServer, { allowedOrigins: [], authenticate: userFromHeaders });
    setIo(world.io);
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    world.baseUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    setIo(undefined);
    // Closing the io closes its HTTP server too.
    await new Promise((resolve) => world.io?.close(resolve));
  });
  return world;
}
