// The world every matrix file runs in: a team with a session for each account role, the Socket.IO
// server on a random port with a connected socket per role, and a webhook receiver that says 200 at
// once (so deliveries settle fast), on a fresh database whose row writes are watched.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { afterAll, beforeAll } from "vitest";
import { watchDbChanges } from "../../../e2e/support/db-changes";
import { useTestDatabase } from "../../../e2e/support/integration";
import { type TRealtimeWorld, useRealtimeWorld } from "../../../e2e/support/realtime-world";
import type { TRole } from "../../domain/roles";

export const ACCOUNT_ROLES = ["admin", "lead", "member", "viewer"] as const satisfies readonly TRole[];

type TMatrixWorld = TRealtimeWorld & { sockets: Map<TRole, ClientSocket>; receiverUrl: string };

/** This file's world (each test file has its own module instance, so its own world). */
export const world = { sockets: new Map<TRole, ClientSocket>(), receiverUrl: "" } as TMatrixWorld;

export function useMatrixWorld(databaseLabel: string): void {
  useTestDatabase(databaseLabel);
  beforeAll(watchDbChanges);
  const realtime = useRealtimeWorld({ signedIn: ACCOUNT_ROLES });
  let receiver: HttpServer;
  beforeAll(async () => {
    Object.assign(world, { team: realtime.team, baseUrl: realtime.baseUrl, io: realtime.io, cookies: realtime.cookies });
    receiver = createServer((req, res) => req.resume().on("end", () => res.writeHead(200).end("ok")));
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    world.receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    for (const role of ACCOUNT_ROLES) {
      const socket = connect(world.baseUrl, { transports: ["websocket"], extraHeaders: { cookie: world.cookies.get(role)! } });
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", resolve);
        socket.once("connect_error", reject);
      });
      world.sockets.set(role, socket);
    }
  });
  afterAll(async () => {
    for (const socket of world.sockets.values()) socket.close();
    await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  });
}
