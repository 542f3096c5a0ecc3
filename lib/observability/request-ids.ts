// server.ts's request handler, wrapped: each request runs in its own context (request-context.ts)
// and is answered with its id in X-Request-Id; at LOG_LEVEL=debug each one is logged when it ends,
// with its id, method, path (secrets left out), status and duration.
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "../log";
import { REDACTED } from "./redaction";
import { REQUEST_ID_HEADER, requestIdFrom, runWithRequestContext } from "./request-context";

type TNodeHandler<Req extends IncomingMessage, Res extends ServerResponse> = (req: Req, res: Res) => void;

/** The path as it may be logged: no query string (set-password tokens), no status-link token. */
export function loggablePath(url: string): string {
  const path = url.split("?")[0].split("#")[0];
  return path.replace(/^\/status\/[^/]+/, `/status/${REDACTED}`);
}

export function withRequestIds<Req extends IncomingMessage, Res extends ServerResponse>(handler: TNodeHandler<Req, Res>): TNodeHandler<Req, Res> {
  return (req, res) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const startedAt = performance.now();
    runWithRequestContext({ requestId }, () => {
      res.once("finish", () => {
        log.debug("request", { method: req.method, path: loggablePath(req.url ?? "/"), status: res.statusCode, ms: Math.round(performance.now() - startedAt) });
      });
      handler(req, res);
    });
  };
}
