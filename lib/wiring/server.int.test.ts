// A real Socket.IO server on a random port with real clients, authenticated by real sessions.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../e2e/support/integration";
import { auth } from "../auth/auth";
import { userFromHeaders } from "../auth/session";
import { createFirstAdmin } from "../auth/users";
import { createTemplate } from "../templates/create-template";
import { defaultTemplate } from "../../prisma/seed/default-template";
import { db } from "../db/client";
import type { TAck, TRawRunEvent as TRunEvent } from "../realtime/events";
import type { TIo } from "../realtime/server/io";
import { createSocketServer } from "./socket-server";
import type { TClientSocket } from "../realtime/client/client";

useTestDatabase("realtime");

let httpServer: HttpServer;
let io: TIo;
let baseUrl: string;
let cookie: string;
const sockets: TClientSocket[] = [];

function open(options: { cookie?: string; origin?: string } = {}): TClientSocket {
  const extraHeaders: Record<string, string> = {};
  if (options.cookie) extraHeaders.cookie = options.cookie;
  if (options.origin) extraHeaders.origin = options.origin;
  const socket = connect(baseUrl, { transports: ["websocket"], reconnection: false, extraHeaders }) as TClientSocket;
  sockets.push(socket);
  return socket;
}

function outcome(socket: TClientSocket): Promise<{ ok: true; name: string } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    socket.on("session:ready", ({ user }) => resolve({ ok: true, name: user.name }));
    socket.on("connect_error", (error) => resolve({ ok: false, message: error.message }));
  });
}

beforeAll(async () => {
  await createFirstAdmin({ name: "Ada Admin", email: "ada@example.com", password: "correct horse battery" });
  const response = await auth().api.signInEmail({
    body: { email: "ada@example.com", password: "correct horse battery" },
    asResponse: true,
  });
  cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  httpServer = createServer();
  io = createSocketServer(httpServer, { allowedOrigins: ["http://localhost:3999"], authenticate: userFromHeaders });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await new Promise((resolve) => io.close(resolve));
});

describe("socket authentication", () => {
  it("refuses a socket without a session", async () => {
    expect(await outcome(open())).toEqual({ ok: false, message: "unauthorized" });
  });

  it("refuses a forged session cookie", async () => {
    expect(await outcome(open({ cookie: "better-auth.session_token=forged.value" }))).toEqual({
      ok: false,
      message: "unauthorized",
    });
  });

  it("accepts a signed-in user and tells the client who it is", async () => {
    expect(await outcome(open({ cookie }))).toEqual({ ok: true, name: "Ada Admin" });
  });

  it("refuses a browser handshake from another origin even with a valid session", async () => {
    const result = await outcome(open({ cookie, origin: "https://evil.example" }));
    expect(result.ok).toBe(false);
  });
});

describe("run rooms", () => {
  it("replays the events a client missed, in seq order, then delivers new ones live", async () => {
    const template = await createTemplate(defaultTemplate);
    const run = await db().run.create({
      data: {
        templateId: template.id,
        name: "Replay test",
        service: "api",
        targetVersion: "1.0.0",
        plannedStart: new Date(),
        plannedDurationMin: 420,
        playbook: {},
        lastSeq: 3,
        events: {
          create: [1, 2, 3].map((seq) => ({ seq, actorName: "Ada Admin", type: "test.event", payload: { n: seq } })),
        },
      },
    });
    const socket = open({ cookie });
    await outcome(socket);
    const reply = await new Promise<TAck<{ lastSeq: number; events: TRunEvent[] }>>((resolve) =>
      socket.emit("run:join", { runId: run.id, afterSeq: 1 }, resolve),
    );
    expect("data" in reply && reply.data.events.map((e) => e.seq)).toEqual([2, 3]);
    expect("data" in reply && reply.data.lastSeq).toBe(3);

    const live = new Promise<TRunEvent>((resolve) => socket.on("run:event", resolve));
    const { broadcastRunEvent } = await import("../timeline/broadcast");
    const { setIo } = await import("../realtime/server/io");
    setIo(io);
    const { fixtureEvent } = await import("../domain/events/event-fixture");
    broadcastRunEvent(fixtureEvent({ runId: run.id, seq: 4, type: "test.event", actorName: "x", payload: {}, createdAt: new Date().toISOString() }));
    expect((await live).seq).toBe(4);
  });

  it("answers a join for an unknown run or a malformed request with an error, not a crash", async () => {
    const socket = open({ cookie });
    await outcome(socket);
    const missing = await new Promise<TAck<unknown>>((resolve) => socket.emit("run:join", { runId: "nope" }, resolve));
    expect(missing).toMatchObject({ error: { code: "not_found" } });
    const malformed = await new Promise<TAck<unknown>>((resolve) =>
      socket.emit("run:join", { runId: 42, afterSeq: -1 } as never, resolve),
    );
    expect(malformed).toMatchObject({ error: { code: "invalid_input" } });
    expect(socket.connected).toBe(true);
  });
});
