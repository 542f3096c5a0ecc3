// The adapter wrapper: this instance's sockets get a broadcast at once and in order, even while the
// publish to the other instances has not been answered (here it never is: a pool that never replies).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdapter } from "@socket.io/postgres-adapter";
import type pg from "pg";
import { Server, type ServerOptions } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { localFirst } from "./local-first";

const never = () => new Promise<never>(() => undefined);
/** A pg pool whose every query and connection hangs: a database round trip that takes forever. */
const hangingPool = () => ({ connect: never, query: never, on: () => undefined }) as unknown as pg.Pool;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.reverse()) await close();
  cleanup = [];
});

async function serverWith(adapter: NonNullable<ServerOptions["adapter"]>): Promise<{ io: Server; client: Socket }> {
  const http = createServer();
  const io = new Server(http, { adapter });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  io.on("connection", (socket) => void socket.join("room"));
  const client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ["websocket"], forceNew: true });
  cleanup.push(async () => {
    client.close();
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });
  await new Promise<void>((resolve) => client.once("connect", () => resolve()));
  // Joined on the server once its connection handler ran: wait for the round trip of one ack.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { io, client };
}

function received(client: Socket, count: number, withinMs: number): Promise<number[]> {
  return new Promise((resolve) => {
    const seen: number[] = [];
    const done = () => resolve(seen);
    const timer = setTimeout(done, withinMs);
    client.on("tick", (n: number) => {
      seen.push(n);
      if (seen.length === count) {
        clearTimeout(timer);
        done();
      }
    });
  });
}

describe("local-first cluster adapter", () => {
  it("delivers to local sockets at once and in order while the publish to other instances hangs", async () => {
    const { io, client } = await serverWith(localFirst(createAdapter(hangingPool())));
    const arriving = received(client, 3, 2_000);
    for (const n of [1, 2, 3]) io.to("room").emit("tick", n);
    expect(await arriving).toEqual([1, 2, 3]);
  });

  it("(the adapter as it comes waits for the publish: nothing arrives)", async () => {
    const { io, client } = await serverWith(createAdapter(hangingPool()));
    const arriving = received(client, 1, 500);
    io.to("room").emit("tick", 1);
    expect(await arriving).toEqual([]);
  });
});

describe("local-first cluster adapter, rooms nobody here joined", () => {
  it("does not encode a broadcast to an empty room, and still delivers to a joined one", async () => {
    const { io, client } = await serverWith(localFirst(createAdapter(hangingPool())));
    const encoder = (io as unknown as { encoder: { encode: (packet: unknown) => unknown[] } }).encoder;
    const encode = encoder.encode.bind(encoder);
    let encoded = 0;
    encoder.encode = (packet) => ((encoded += 1), encode(packet));
    io.to("empty-room").emit("tick", 0);
    expect(encoded).toBe(0);
    const arriving = received(client, 1, 2_000);
    io.to("room").emit("tick", 1);
    expect(await arriving).toEqual([1]);
    expect(encoded).toBe(1);
  });
});
