// One request to a Prometheus HTTP API endpoint, with the data source's auth, headers and timeout,
// and every way it can fail mapped to one typed result that keeps Prometheus's own words (its
// HTTP status, errorType and error text), so a rule can say why it is inconclusive.
import "server-only";
import type { TOutboundFailure } from "../../outbound/failure";
import { outboundRequest, type TOutboundResponse } from "../../outbound/request";
import { ZPromEnvelope } from "./responses";

export type TPrometheusAuth = { kind: "none" } | { kind: "bearer"; token: string } | { kind: "basic"; username: string; password: string };

/** Everything needed to query one Prometheus (a DataSource row, secrets included; server-side only). */
export type TPrometheusTarget = {
  url: string;
  auth: TPrometheusAuth;
  headers: readonly { name: string; value: string }[];
  timeoutMs: number;
};

export type TPromErrorKind = "http" | "timeout" | "network" | "prometheus" | "bad_result";
export type TPromError = { ok: false; kind: TPromErrorKind; status?: number; errorType?: string; message: string };
export type TPromResult<T> = { ok: true; data: T; warnings: string[] } | TPromError;

/** A query answer is a few series; a bigger one means a wrong query or something that is not Prometheus. */
const MAX_ANSWER_BYTES = 20 * 1024 * 1024;

const STATUS_TEXT: Record<number, string> = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable" };
/** Prometheus's own error text is quoted (it names the bad query), but never at length. */
const MAX_ERROR_CHARS = 300;

function requestHeaders(target: TPrometheusTarget): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { name, value } of target.headers) headers[name.toLowerCase()] = value;
  // Auth last, so an extra header cannot silently replace the configured credentials.
  if (target.auth.kind === "bearer") headers.authorization = `Bearer ${target.auth.token}`;
  if (target.auth.kind === "basic") {
    headers.authorization = `Basic ${Buffer.from(`${target.auth.username}:${target.auth.password}`).toString("base64")}`;
  }
  headers.accept = "application/json";
  return headers;
}

/** The endpoint's URL under the data source's, keeping a path prefix (Prometheus behind /prometheus/). */
export function endpointUrl(base: string, path: string, params: Record<string, string> = {}): URL {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${path}`;
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url;
}

/** An outbound failure in the words an admin fixes it with (the data source's host, never a body). */
export function describeNetworkError(error: TOutboundFailure, url: URL): string {
  const where = `${url.hostname}${url.port ? `:${url.port}` : ""}`;
  switch (error.kind) {
    case "connection_refused":
      return `Connection refused by ${where}: nothing is listening there`;
    case "dns":
      return `DNS lookup failed: host ${url.hostname} not found`;
    case "reset":
      return `${where} closed the connection before answering`;
    case "unreachable":
      return `${where} is unreachable from this server`;
    case "tls":
      return `${error.reason} with ${where}`;
    case "refused":
      return `Warroom ${error.reason}`;
    default:
      return `Could not reach ${where}: ${error.reason}`;
  }
}

/**
 * GET (or POST, for long queries) an /api/v1 endpoint. `signal` lets a caller cancel earlier than
 * the data source's own timeout; Prometheus is also told the timeout so it stops the query itself.
 */
export async function promRequest(
  target: TPrometheusTarget,
  path: string,
  params: Record<string, string>,
  signal?: AbortSignal,
): Promise<TPromResult<unknown>> {
  const url = endpointUrl(target.url, path);
  const isPost = Object.keys(params).length > 0;
  // Queries go as a POSTed form, as Prometheus's own UI sends them: no URL length limit on a long query.
  // A redirect is reported, not followed: following it would send the credentials to another host.
  const result = await outboundRequest({
    url,
    method: isPost ? "POST" : "GET",
    headers: { ...requestHeaders(target), ...(isPost ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body: isPost ? new URLSearchParams(params).toString() : undefined,
    timeoutMs: target.timeoutMs,
    maxResponseBytes: MAX_ANSWER_BYTES,
    // Rules ask the same server every few seconds: one warm connection instead of a handshake each time.
    isKeptAlive: true,
    signal,
  });
  if (!result.ok) {
    if (result.kind === "timeout") return { ok: false, kind: "timeout", message: `No answer from ${url.host} within ${target.timeoutMs / 1000} s` };
    if (result.kind === "cancelled") return { ok: false, kind: "network", message: "The request was cancelled" };
    return { ok: false, kind: "network", message: describeNetworkError(result, url) };
  }
  return parseAnswer(result);
}

function parseAnswer(response: TOutboundResponse): TPromResult<unknown> {
  let json: unknown;
  try {
    json = JSON.parse(response.body.toString("utf8"));
  } catch {
    json = undefined;
  }
  const envelope = ZPromEnvelope.safeParse(json);
  if (envelope.success && envelope.data.status === "error") {
    return {
      ok: false,
      kind: "prometheus",
      status: response.status,
      errorType: envelope.data.errorType,
      message: `Prometheus answered ${response.status}: ${envelope.data.errorType ? `${envelope.data.errorType}: ` : ""}${(envelope.data.error ?? "no error text").slice(0, MAX_ERROR_CHARS)}`,
    };
  }
  // Anything but a Prometheus envelope is described by its status and type only: quoting the body
  // would show whatever an internal service answered to everyone who reads the reason.
  if (response.status < 200 || response.status >= 300) {
    const redirect = response.status >= 300 && response.status < 400 ? " (redirects are not followed)" : "";
    return { ok: false, kind: "http", status: response.status, message: `HTTP ${response.status} ${STATUS_TEXT[response.status] ?? ""}`.trim() + redirect };
  }
  if (!envelope.success) {
    return { ok: false, kind: "bad_result", status: response.status, message: `Not a Prometheus API answer (HTTP ${response.status}, ${response.contentType ?? "no content type"})` };
  }
  return { ok: true, data: envelope.data.data, warnings: envelope.data.warnings ?? [] };
}
