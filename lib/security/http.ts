// Every HTTP response's security headers and every request body's size limit, applied by server.ts
// before Next sees the request. The CSP carries a fresh nonce per request: Next reads it from the
// request's Content-Security-Policy header and puts it on its own scripts, so no inline script runs
// without it and production never needs 'unsafe-eval'.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** Largest request body accepted anywhere (metric batches are the biggest legitimate bodies). */
export const MAX_BODY_BYTES = 1024 * 1024;

export type TSecurityOptions = { isDev: boolean; isHttps: boolean };

export function contentSecurityPolicy(nonce: string, { isDev, isHttps }: TSecurityOptions): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts Next loads from its nonced bootstrap run; nothing else does.
    // React's development build evaluates code for its debugging aids; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (progress bars, charts) need 'unsafe-inline'; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // 'self' covers the same-origin Socket.IO websocket.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttps ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** The stakeholder pages carry their token in the URL: no Referer may take it anywhere. */
const isTokenPath = (url: string) => url.startsWith("/status/");

export function securityHeaders(url: string, csp: string, { isHttps }: TSecurityOptions): Record<string, string> {
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    // Not "no-referrer" everywhere: browsers then send `Origin: null` on same-origin POSTs, which
    // would fail the server actions' and better-auth's origin checks.
    "Referrer-Policy": isTokenPath(url) ? "no-referrer" : "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    ...(isTokenPath(url) ? { "X-Robots-Tag": "noindex, nofollow" } : {}),
    ...(isHttps ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

const METHODS_WITHOUT_BODY = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Sets the security headers on the response and the nonce policy on the request (for Next), and
 * refuses bodies over MAX_BODY_BYTES up front (413), or of unknown length (411: a chunked upload
 * could otherwise stream without bound). Returns false when it has answered the request itself.
 */
export function guardRequest(req: IncomingMessage, res: ServerResponse, options: TSecurityOptions): boolean {
  const nonce = randomBytes(16).toString("base64");
  const csp = contentSecurityPolicy(nonce, options);
  // Overwrites whatever the client sent under this name: only our policy may set Next's nonce.
  req.headers["content-security-policy"] = csp;
  delete req.headers["content-security-policy-report-only"];
  for (const [name, value] of Object.entries(securityHeaders(req.url ?? "/", csp, options))) res.setHeader(name, value);

  // A path that is not valid percent-encoding would make Next answer 500 while decoding its params.
  if (!isWellFormedPath(req.url ?? "/")) return refuse(res, 400, "bad_request", "The address is not valid percent-encoding.");
  const length = req.headers["content-length"];
  const isChunked = req.headers["transfer-encoding"] !== undefined;
  if (length !== undefined && (!/^\d+$/.test(length) || Number(length) > MAX_BODY_BYTES)) {
    return refuse(res, 413, "payload_too_large", `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
  }
  if (isChunked && length === undefined && !METHODS_WITHOUT_BODY.has(req.method ?? "GET")) {
    return refuse(res, 411, "length_required", "Send a Content-Length with the request body.");
  }
  return true;
}

function isWellFormedPath(url: string): boolean {
  try {
    decodeURIComponent(url.split("?")[0]);
    return true;
  } catch {
    return false;
  }
}

/** Answers with Warroom's JSON error shape and closes the connection (the body may be unread). */
export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { "content-type": "application/json", connection: "close" });
  res.end(JSON.stringify({ error: { code, message } }));
}

function refuse(res: ServerResponse, status: number, code: string, message: string): false {
  sendError(res, status, code, message);
  return false;
}
