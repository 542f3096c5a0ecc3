// server.ts answers gate reads itself, before Next's request handling, as it does metric pushes: when
// a poll closes, hundreds of pipelines long-polling one run are answered in the same instant, and
// Next's routing, request wrapping and response plumbing per answer queued them behind each other
// (seconds at 500; see the README's bench:gate). The answer comes from the very handler Next's
// route exports (gate-route.ts). A client that hangs up aborts its request, so its waiter is dropped.
import type { IncomingMessage, ServerResponse } from "node:http";
import { gateBodyText, gateRoute } from "./gate-route";

const GATE_PATH = /^\/api\/v1\/runs\/([^/?#]+)\/gate(?:\?.*)?$/;

/** The run id when the request is a gate read (GET /api/v1/runs/<id>/gate), else undefined. */
export function gateRunId(method: string | undefined, url: string): string | undefined {
  if (method !== "GET") return undefined;
  const match = GATE_PATH.exec(url);
  // guardRequest has already refused paths that are not valid percent-encoding.
  return match ? decodeURIComponent(match[1]) : undefined;
}

export async function serveGate(req: IncomingMessage, res: ServerResponse, runId: string, origin: string): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const hangUp = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) hangUp.abort();
  });
  const request = new Request(new URL(req.url ?? "/", origin), { method: "GET", headers, signal: hangUp.signal });
  const response = await gateRoute(request, { params: Promise.resolve({ id: runId }) });
  if (hangUp.signal.aborted) return;
  const text = gateBodyText(response);
  const payload = text === undefined ? Buffer.from(await response.arrayBuffer()) : Buffer.from(text);
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), "content-length": String(payload.length) });
  res.end(payload);
}
