// The trusted view of an HTTP request or socket handshake (lib/domain/forwarded.ts): the client's
// address and the host and scheme it asked for, believing X-Forwarded-* only from TRUSTED_PROXIES.
// server.ts applies it to every request before anything else reads it: the rate limits count under
// the client address it sets, and Next and the server-action gate see a forwarded host or scheme
// only when a trusted proxy sent it.
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { CLIENT_IP_HEADER } from "../auth/auth";
import { requestView, type TRequestView, type TTrustedProxies } from "../domain/forwarded";
import { env } from "../env";

const views = new WeakMap<IncomingMessage, TRequestView>();

export function viewOf(peer: string | undefined, headers: IncomingHttpHeaders, trusted: TTrustedProxies = env().TRUSTED_PROXIES): TRequestView {
  return requestView(peer, {
    host: headers.host,
    forwardedFor: headers["x-forwarded-for"],
    forwardedHost: headers["x-forwarded-host"],
    forwardedProto: headers["x-forwarded-proto"],
  }, trusted);
}

/** The request's trusted view, worked out once (before applyTrustedView rewrites its headers). */
export function trustedView(req: IncomingMessage): TRequestView {
  let view = views.get(req);
  if (!view) {
    view = viewOf(req.socket.remoteAddress, req.headers);
    views.set(req, view);
  }
  return view;
}

/**
 * Rewrites the request's headers to its trusted view: the client address for the rate limits, and
 * X-Forwarded-Host/-Proto only as a trusted proxy said them (removed otherwise), so no code after
 * this (Next's own action check included) can be told another host by the client.
 */
export function applyTrustedView(req: IncomingMessage): TRequestView {
  const view = trustedView(req);
  req.headers[CLIENT_IP_HEADER] = view.clientAddress;
  if (view.isViaTrustedProxy && view.host) req.headers["x-forwarded-host"] = view.host;
  else delete req.headers["x-forwarded-host"];
  if (view.isViaTrustedProxy && view.proto) req.headers["x-forwarded-proto"] = view.proto;
  else delete req.headers["x-forwarded-proto"];
  return view;
}
