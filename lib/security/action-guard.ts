// server.ts's gate in front of Next for server-action requests: refuses another site's (403, where
// Next would answer 500), reads the (size-limited) body,
// refuses what React's decoder would crash on (see action-body.ts) with a 400, and hands the bytes
// it read to Next through Next's own request-meta slot for an already-read action body
// ("actionBody", which its action handler reads instead of the consumed stream).
import type { IncomingMessage, ServerResponse } from "node:http";
import { checkActionBody, isAppOrigin, isFromOwnOrigin, isPossibleServerAction } from "./action-body";
import { MAX_BODY_BYTES, sendError } from "./http";
import { trustedView } from "./trusted-view";

// Next's request-meta key (next/dist/server/request-meta.js); next is pinned to an exact version.
const NEXT_REQUEST_META = Symbol.for("NextInternalRequestMeta");

type TNodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export function withCheckedActionBody(req: IncomingMessage, res: ServerResponse, next: TNodeHandler, appUrl: string): void {
  if (!isPossibleServerAction(req.method, req.url ?? "/", req.headers)) {
    void next(req, res);
    return;
  }
  if (!isFromOwnOrigin(req.headers.origin, trustedView(req))) {
    if (!isAppOrigin(req.headers.origin, appUrl)) return sendError(res, 403, "cross_origin", "Server actions are only accepted from this site's own pages.");
    // APP_URL's origin behind a proxy that rewrote Host: Next compares the Origin with X-Forwarded-Host
    // (else Host) itself, so it is told the public host that origin names.
    req.headers["x-forwarded-host"] = new URL(appUrl).host;
  }
  void readBody(req).then(
    async (body) => {
      if (body === undefined) return sendError(res, 413, "payload_too_large", `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
      const verdict = await checkActionBody(req.headers, body);
      if (!verdict.ok) return sendError(res, 400, "bad_request", verdict.message);
      const meta = ((req as unknown as Record<symbol, Record<string, unknown> | undefined>)[NEXT_REQUEST_META] ??= {});
      meta.actionBody = body;
      await next(req, res);
    },
    // The client went away mid-body: there is no one to answer.
    () => req.destroy(),
  );
}

/** The whole body, or undefined past MAX_BODY_BYTES (guardRequest has already checked the declared length). */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
