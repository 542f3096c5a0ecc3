// server.ts answers metric pushes itself, before Next's request handling: a monitoring script's
// batch costs a token check and one INSERT, and Next's routing, request wrapping and response
// plumbing cost more than that per request (see the README's bench:ingest section). The answer
// comes from the same web handler Next's route uses, so behaviour cannot drift between the two.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pushMetrics } from "./ingest-endpoint";

const PUSH_PATH = /^\/api\/runs\/([^/?#]+)\/metrics(?:\?.*)?$/;

/** The run id when the request is a metric push (POST /api/runs/<id>/metrics), else undefined. */
export function metricsPushRunId(method: string | undefined, url: string): string | undefined {
  if (method !== "POST") return undefined;
  const match = PUSH_PATH.exec(url);
  // guardRequest has already refused paths that are not valid percent-encoding.
  return match ? decodeURIComponent(match[1]) : undefined;
}

export async function serveMetricsPush(req: IncomingMessage, res: ServerResponse, runId: string, origin: string): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const body = await readAll(req);
  // A copy into a plain ArrayBuffer-backed array is what Request's body type takes (≤ 1 MiB, cheap).
  const bytes = new Uint8Array(body);
  const request = new Request(new URL(req.url ?? "/", origin), { method: "POST", headers, body: bytes });
  const response = await pushMetrics(request, { params: Promise.resolve({ id: runId }) });
  const payload = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), "content-length": String(payload.length) });
  res.end(payload);
}

/** The whole body: guardRequest has capped it at 1 MiB; pushMetrics refuses past its own 512 KiB with a 413. */
async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
