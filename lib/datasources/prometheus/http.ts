// One request to a Prometheus HTTP API endpoint, with the data source's auth, headers and timeout,
// and every way it can fail mapped to one typed result that keeps Prometheus's own words (its
// HTTP status, errorType and error text), so a rule can say why it is inconclusive.
import "server-only";
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

/** How much of a non-Prometheus body an error message quotes. */
const SNIPPET_CHARS = 120;

function requestHeaders(target: TPrometheusTarget): Headers {
  const headers = new Headers();
  for (const { name, value } of target.headers) headers.set(name, value);
  // Auth last, so an extra header cannot silently replace the configured credentials.
  if (target.auth.kind === "bearer") headers.set("Authorization", `Bearer ${target.auth.token}`);
  if (target.auth.kind === "basic") {
    headers.set("Authorization", `Basic ${Buffer.from(`${target.auth.username}:${target.auth.password}`).toString("base64")}`);
  }
  headers.set("Accept", "application/json");
  return headers;
}

/** The endpoint's URL under the data source's, keeping a path prefix (Prometheus behind /prometheus/). */
export function endpointUrl(base: string, path: string, params: Record<string, string> = {}): URL {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${path}`;
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS)}…` : flat;
}

/** Node's fetch hides the socket error in `cause`: name the usual ones the way an operator says them. */
export function describeNetworkError(error: unknown, url: URL): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const where = `${url.hostname}${url.port ? `:${url.port}` : ""}`;
  switch (cause?.code) {
    case "ECONNREFUSED":
      return `Connection refused by ${where}: nothing is listening there`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `DNS lookup failed: host ${url.hostname} not found`;
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return `${where} closed the connection before answering`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `${where} is unreachable from this server`;
    case "UND_ERR_CONNECT_TIMEOUT":
      return `Could not connect to ${where} in time`;
  }
  // The Fetch standard refuses some ports outright (1, 6000, 6667 …): say so rather than "bad port".
  if ((error as Error)?.message === "bad port" || cause?.message === "bad port") return `Port ${url.port} is one fetch refuses to connect to (a "bad port" in the Fetch standard): use another port`;
  if (cause?.code && /CERT|SSL|TLS/.test(cause.code)) return `TLS problem with ${where}: ${cause.message ?? cause.code}`;
  return `Could not reach ${where}: ${cause?.message ?? (error as Error)?.message ?? String(error)}`;
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
  const timeout = AbortSignal.timeout(target.timeoutMs);
  let response: Response;
  let text: string;
  try {
    // Queries go as a POSTed form, as Prometheus's own UI sends them: no URL length limit on a long query.
    // A redirect is reported, not followed: following it would send the credentials to another host.
    response = await fetch(url, {
      method: isPost ? "POST" : "GET",
      headers: requestHeaders(target),
      body: isPost ? new URLSearchParams(params) : undefined,
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      redirect: "manual",
    });
    text = await response.text();
  } catch (error) {
    if (timeout.aborted) return { ok: false, kind: "timeout", message: `No answer from ${url.host} within ${target.timeoutMs / 1000} s` };
    if (signal?.aborted) return { ok: false, kind: "network", message: "The request was cancelled" };
    return { ok: false, kind: "network", message: describeNetworkError(error, url) };
  }
  return parseAnswer(response, text);
}

function parseAnswer(response: Response, text: string): TPromResult<unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
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
      message: `Prometheus answered ${response.status}: ${envelope.data.errorType ? `${envelope.data.errorType}: ` : ""}${envelope.data.error ?? "no error text"}`,
    };
  }
  if (!response.ok) {
    const statusText = response.status === 401 ? "Unauthorized" : response.status === 403 ? "Forbidden" : response.statusText;
    const body = snippet(text);
    return { ok: false, kind: "http", status: response.status, message: `HTTP ${response.status} ${statusText}`.trim() + (body ? `: ${body}` : "") };
  }
  if (!envelope.success) {
    const type = response.headers.get("content-type") ?? "no content type";
    return { ok: false, kind: "bad_result", status: response.status, message: `Not a Prometheus API answer (HTTP ${response.status}, ${type}): ${snippet(text) || "empty body"}` };
  }
  return { ok: true, data: envelope.data.data, warnings: envelope.data.warnings ?? [] };
}
