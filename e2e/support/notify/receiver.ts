// A local receiver for every destination kind, for the integration tests and the benchmark: each
// request is parsed and validated against the committed JSON Schema of its target (schemas/, each
// citing the documentation it follows) and the limits a schema cannot say (Discord's 6,000
// characters across embeds, Teams' 28 KB, Mattermost's 16,383 per post, PagerDuty's 512 KB), and a
// signed webhook is verified with the Standard Webhooks reference verifier. It answers as scripted
// per path (a status and headers per try), 200 otherwise.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { payloadProblems, RECEIVER_KINDS, type TReceiverKind } from "./validate";

export { RECEIVER_KINDS, type TReceiverKind };

export type TReceived = { kind: TReceiverKind; path: string; headers: IncomingHttpHeaders; raw: string; body: unknown; at: number; problems: string[] };
type TReply = { status: number; headers?: Record<string, string> };

export async function startReceiver() {
  const received: TReceived[] = [];
  const scripts = new Map<string, TReply[]>();
  const secrets = new Map<string, string>();
  const waiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (raw += chunk));
    req.on("end", () => {
      const urlPath = new URL(req.url ?? "/", "http://receiver").pathname;
      const [, kindSegment = "", name = ""] = urlPath.split("/");
      const kind = kindSegment as TReceiverKind;
      const problems: string[] = [];
      let body: unknown = null;
      try {
        body = JSON.parse(raw);
      } catch {
        problems.push("not JSON");
      }
      if (!RECEIVER_KINDS.includes(kind)) problems.push(`unknown kind “${kindSegment}”`);
      else if (body !== null) {
        problems.push(...payloadProblems(kind, urlPath, raw));
        const secret = secrets.get(name);
        if (kind === "signed") {
          if (!secret) problems.push("signed: no secret registered for this path");
          else {
            try {
              new Webhook(secret).verify(raw, req.headers as Record<string, string>);
            } catch (error) {
              problems.push(`signed: ${(error as Error).message}`);
            }
          }
        }
      }
      received.push({ kind, path: urlPath, headers: req.headers, raw, body, at: Date.now(), problems });
      const script = scripts.get(name) ?? [];
      const reply = script.shift() ?? { status: kind === "pagerduty" ? 202 : kind === "discord" ? 204 : 200 };
      res.writeHead(reply.status, { "content-type": "text/plain", ...reply.headers });
      res.end(reply.status < 300 ? "" : "no");
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    received,
    /** The address of a destination named `name` of this kind (a PagerDuty one is the Events API base). */
    url: (kind: TReceiverKind, name: string) => `${base}/${kind}/${name}`,
    /** The next answers at this destination, one per try. */
    script: (name: string, replies: TReply[]) => void scripts.set(name, [...replies]),
    /** A signed destination's secret, as shown once when it was added. */
    trust: (name: string, secret: string) => void secrets.set(name, secret),
    at: (name: string) => received.filter((r) => r.path.split("/")[2] === name),
    /** Resolves once `count` requests have reached this destination (or rejects after `timeoutMs`). */
    async waitFor(name: string, count: number, timeoutMs = 10_000): Promise<TReceived[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const got = received.filter((r) => r.path.split("/")[2] === name);
        if (got.length >= count) return got;
        if (Date.now() > deadline) throw new Error(`${name}: ${got.length} of ${count} requests arrived in ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200).unref();
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type TReceiver = Awaited<ReturnType<typeof startReceiver>>;
