// The outbound rules against real sockets: a listener on 127.0.0.1 counts every connection it is
// offered, so "refused" provably means no connection was attempted; an injected resolver plays the
// DNS server, including one that rebinds between answers. The integration project allows
// 127.0.0.1/32 (vitest.config.mts); tests that need the default swap in NOTHING_ALLOWED.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { NOTHING_ALLOWED } from "../domain/outbound-address";
import { configureOutbound, outboundRequest, type TResolver } from "./request";

vi.mock("server-only", () => ({}));

type TSeen = { path: string; headers: IncomingHttpHeaders };

/** A receiver that answers per path, and counts connections (not just requests). */
async function listener() {
  const seen: TSeen[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? "", headers: req.headers });
    if (req.url === "/redirect") return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" }).end();
    if (req.url === "/error") return res.writeHead(500, { "content-type": "text/plain" }).end("FATAL: password authentication failed for user postgres");
    if (req.url === "/big") return res.writeHead(200).end("x".repeat(64 * 1024));
    if (req.url === "/slow") return setTimeout(() => res.writeHead(200).end("late"), 2000);
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  });
  server.on("connection", () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    seen,
    connections: () => connections,
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

let receiver: Awaited<ReturnType<typeof listener>>;
let restore: (() => void) | null = null;

beforeAll(async () => {
  receiver = await listener();
});
afterAll(() => receiver.stop());
afterEach(() => {
  restore?.();
  restore = null;
});

const get = (url: string, over: Partial<Parameters<typeof outboundRequest>[0]> = {}) => outboundRequest({ url, method: "GET", timeoutMs: 3000, ...over });

describe("refused addresses are never connected to", () => {
  it.each(["2130706433", "0x7f.1", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]", "localhost"])("http://%s:<port>/ with nothing allowed", async (host) => {
    restore = configureOutbound({ allow: NOTHING_ALLOWED });
    const before = receiver.connections();
    const result = await get(`http://${host}:${receiver.port}/`);
    expect(result).toMatchObject({ ok: false, kind: "refused", reason: expect.stringMatching(/^refused: .* is a loopback address \(an admin can allow it with OUTBOUND_ALLOW\)$/) });
    expect(receiver.connections()).toBe(before);
  });

  it("refuses a name that resolves to loopback, naming both", async () => {
    const resolve = vi.fn<TResolver>(async () => [{ address: "127.0.0.1", family: 4 }]);
    restore = configureOutbound({ allow: NOTHING_ALLOWED, resolve });
    const before = receiver.connections();
    expect(await get(`http://hooks.example.test:${receiver.port}/`)).toEqual({
      ok: false,
      kind: "refused",
      reason: "refused: hooks.example.test resolves to 127.0.0.1, which is a loopback address (an admin can allow it with OUTBOUND_ALLOW)",
    });
    expect(receiver.connections()).toBe(before);
  });

  it("refuses a name if any of its addresses is internal", async () => {
    restore = configureOutbound({ resolve: async () => [{ address: "127.0.0.1", family: 4 }, { address: "10.0.0.7", family: 4 }] });
    expect(await get(`http://mixed.example.test:${receiver.port}/`)).toMatchObject({ kind: "refused", reason: expect.stringContaining("10.0.0.7, which is a private address") });
  });
});

describe("connects to the address that was checked", () => {
  it("resolves once: a rebinding DNS answer cannot swap the address between check and connect", async () => {
    // First answer allowed (127.0.0.1/32 here), every later one the cloud metadata address.
    let answers = 0;
    const resolve = vi.fn<TResolver>(async () => [{ address: (answers += 1) === 1 ? "127.0.0.1" : "169.254.169.254", family: 4 }]);
    restore = configureOutbound({ resolve });
    const result = await get(`http://rebind.example.test:${receiver.port}/hook?x=1`);
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(resolve).toHaveBeenCalledTimes(1);
    // The vetted address was dialled, with the name kept as the Host.
    expect(receiver.seen.at(-1)).toMatchObject({ path: "/hook?x=1", headers: { host: `rebind.example.test:${receiver.port}` } });
  });

  it("reaches an allowed internal address, as OUTBOUND_ALLOW=127.0.0.1/32 allows here", async () => {
    expect(await get(`http://127.0.0.1:${receiver.port}/`)).toMatchObject({ ok: true, status: 200, body: Buffer.from("ok") });
  });
});

const hasOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasOpenssl)("over TLS", () => {
  it("sends the name as SNI while dialling the vetted address, and checks the certificate", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "warroom-tls-"));
    const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=hooks.example.test"], { stdio: "ignore" });
    const names: string[] = [];
    const server = createTlsServer({
      key: readFileSync(key),
      cert: readFileSync(cert),
      SNICallback: (name, done) => (names.push(name), done(null)),
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    restore = configureOutbound({ resolve: async () => [{ address: "127.0.0.1", family: 4 }] });
    try {
      const result = await get(`https://hooks.example.test:${(server.address() as AddressInfo).port}/`);
      // A self-signed certificate is refused: the name is checked, not skipped for the address.
      expect(result).toEqual({ ok: false, kind: "tls", reason: "TLS error (DEPTH_ZERO_SELF_SIGNED_CERT)" });
      expect(names).toEqual(["hooks.example.test"]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("what comes back", () => {
  it("does not follow a redirect", async () => {
    const before = receiver.seen.length;
    expect(await get(`http://127.0.0.1:${receiver.port}/redirect`)).toMatchObject({ ok: true, status: 302 });
    expect(receiver.seen.length).toBe(before + 1);
  });

  it("never reads the body when the caller only wants the status", async () => {
    const result = await outboundRequest({ url: `http://127.0.0.1:${receiver.port}/error`, method: "POST", body: "{}", timeoutMs: 3000, isBodyIgnored: true });
    expect(result).toEqual({ ok: true, status: 500, contentType: "text/plain", body: Buffer.alloc(0), retryAfter: null });
  });

  it("caps the size of what it reads", async () => {
    expect(await get(`http://127.0.0.1:${receiver.port}/big`, { maxResponseBytes: 16 * 1024 })).toEqual({ ok: false, kind: "too_large", reason: "response too large (over 16 KiB)" });
  });

  it("gives up at the deadline, which covers a DNS lookup that never answers", async () => {
    expect(await get(`http://127.0.0.1:${receiver.port}/slow`, { timeoutMs: 200 })).toEqual({ ok: false, kind: "timeout", reason: "timed out (no answer within 0.2 s)" });
    restore = configureOutbound({ resolve: () => new Promise(() => undefined) });
    expect(await get("http://hanging-dns.example.test/", { timeoutMs: 200 })).toEqual({ ok: false, kind: "timeout", reason: "timed out (no answer within 0.2 s)" });
  });

  it("classifies a refused connection and a name that does not resolve", async () => {
    const closed = await listener();
    await closed.stop();
    expect(await get(`http://127.0.0.1:${closed.port}/`)).toEqual({ ok: false, kind: "connection_refused", reason: "connection refused" });
    restore = configureOutbound({ resolve: async () => Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" })) });
    expect(await get("http://nowhere.example.test/")).toEqual({ ok: false, kind: "dns", reason: "DNS lookup failed: no such host" });
  });
});
