// Small HTTP servers the data source tests stand in front of (or instead of) Prometheus: a web
// server that is not Prometheus, a bearer-protected reverse proxy, and one that never answers.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type TUpstream = { url: string; port: number; stop: () => Promise<void> };

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TUpstream> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Any web page: 200 text/html for every path, as a typo'd URL to an intranet site answers. */
export function startHtmlServer(): Promise<TUpstream> {
  return listen((_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>Intranet</title><h1>Welcome</h1>"));
}

/** Accepts the connection and never answers. */
export function startSilentServer(): Promise<TUpstream> {
  return listen(() => undefined);
}

/**
 * A reverse proxy to `upstream` that wants `Authorization: Bearer <token>`: 401 without it, 403 for
 * `forbiddenToken`, like an auth proxy in front of a shared Prometheus. Records the headers it saw.
 */
export async function startBearerProxy(upstream: string, token: string, forbiddenToken = "read-nothing") {
  const seen: Record<string, string | string[] | undefined>[] = [];
  const target = new URL(upstream);
  const proxy = await listen((req, res) => {
    seen.push(req.headers);
    const auth = req.headers.authorization;
    if (auth === `Bearer ${forbiddenToken}`) return void res.writeHead(403, { "Content-Type": "text/plain" }).end("forbidden");
    if (auth !== `Bearer ${token}`) return void res.writeHead(401, { "WWW-Authenticate": "Bearer", "Content-Type": "text/plain" }).end("unauthorized");
    const forward = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    forward.on("error", () => res.writeHead(502).end("bad gateway"));
    req.pipe(forward);
  });
  return { ...proxy, seen };
}
