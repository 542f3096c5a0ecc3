// One wrapper for every route handler in app/api (in the spirit of dub's withWorkspace): it settles
// who is calling, parses the path parameters, query and body with zod, maps whatever is thrown to a
// status and a body that leaks nothing, and marks every answer `Cache-Control: no-store` (these are
// per-caller, live answers). A handler is then only its own logic.
// It reads the caller from the request itself, not next/headers, because server.ts also calls the
// metric push handler outside Next (lib/metrics/ingest-fast-path.ts).
import type { z } from "zod";
import { CLIENT_IP_HEADER } from "../auth/auth";
import { allowedUser, type TSessionUser, userFromHeaders } from "../auth/session";
import type { TPermission } from "../domain/roles";
import { AppError, RateLimitedError, toErrorResponse } from "../errors";
import { log } from "../log";
import { authenticateToken, type TTokenRun } from "../metrics/tokens";
import { credentialPrefix, recordCredentialFailure, retryAfterSeconds, type TCredentialKind } from "../security/failure-limit";
import { limits } from "../security/limits";
import { take } from "../security/rate-limit";
import { authenticateApiCaller, errorField, type TApiCaller } from "../api/caller";
import type { TApiScope } from "../api/scopes";

/**
 * Who may call: anyone ("public"), a signed-in user whose role has the permission, a monitoring
 * script with the run's metric token (`Authorization: Bearer …`, checked against the `id` parameter),
 * or — for the pipeline API (/api/v1) — an API key holding the scope *or* a signed-in user with the
 * permission, both acting through the same commands.
 */
export type TRouteAuth = "public" | "metric-token" | { permission: TPermission; scope?: undefined } | TApiAuth;
export type TApiAuth = { permission: TPermission; scope: TApiScope };

type TCallerOf<TAuth extends TRouteAuth> = TAuth extends "metric-token"
  ? { tokenRun: TTokenRun }
  : TAuth extends TApiAuth
    ? TApiCaller
    : TAuth extends { permission: TPermission }
      ? { user: TSessionUser }
      : object;

type TSchema = z.ZodType;
type TParsed<TMaybe> = TMaybe extends TSchema ? z.output<TMaybe> : undefined;

export type TRouteSpec<TAuth extends TRouteAuth, TParams, TQuery, TBody> = {
  auth: TAuth;
  /** Names the route in the server log when it fails on our side ("metrics ingest"). */
  what: string;
  params?: TParams;
  query?: TQuery;
  body?: TBody;
  /** The body field a `text/markdown` or `text/plain` body fills (a runbook posted as it is). */
  textBody?: string;
};

export type TRouteInput<TAuth extends TRouteAuth, TParams, TQuery, TBody> = TCallerOf<TAuth> & {
  request: Request;
  params: TParsed<TParams>;
  query: TParsed<TQuery>;
  body: TParsed<TBody>;
};

/** Next's second argument to a route handler. */
export type TRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type TRouteHandler = (request: Request, context: TRouteContext) => Promise<Response>;

const NO_STORE = "no-store";
/** A metric script told why it was refused, in the form HTTP clients expect for bearer tokens. */
const METRIC_TOKEN_CHALLENGE = 'Bearer realm="warroom-metrics"';
const API_KEY_CHALLENGE = 'Bearer realm="warroom-api"';

export function route<TAuth extends TRouteAuth, TParams extends TSchema | undefined = undefined, TQuery extends TSchema | undefined = undefined, TBody extends TSchema | undefined = undefined>(
  spec: TRouteSpec<TAuth, TParams, TQuery, TBody>,
  handler: (input: TRouteInput<TAuth, TParams, TQuery, TBody>) => Promise<Response | object>,
): TRouteHandler {
  return async (request, context) => {
    const clientIp = request.headers.get(CLIENT_IP_HEADER) ?? "";
    try {
      const params = spec.params ? spec.params.parse(await context.params) : undefined;
      const caller = await authenticate(spec.auth, request, params, clientIp);
      const query = spec.query ? spec.query.parse(firstQueryValues(request)) : undefined;
      const body = spec.body ? spec.body.parse(await readBody(request, spec.textBody)) : undefined;
      const result = await handler({ ...caller, request, params, query, body } as TRouteInput<TAuth, TParams, TQuery, TBody>);
      const response = result instanceof Response ? result : Response.json(result);
      response.headers.set("cache-control", NO_STORE);
      return response;
    } catch (error) {
      return errorResponse(error, spec);
    }
  };
}

async function authenticate(auth: TRouteAuth, request: Request, params: unknown, clientIp: string): Promise<object> {
  if (auth === "public") return {};
  if (auth !== "metric-token" && auth.scope) {
    const runId = (params as { id?: string } | undefined)?.id;
    // Only a bearer credential is a key; a session is checked as a session.
    if (!request.headers.has("authorization")) return authenticateApiCaller(auth, request, runId);
    const caller = await checkedCredential("api-key", request, clientIp, () => authenticateApiCaller(auth, request, runId));
    spendTokenRequest(caller.apiKey!.keyId);
    return caller;
  }
  if (auth === "metric-token") {
    const runId = (params as { id?: unknown } | undefined)?.id;
    if (typeof runId !== "string") throw new Error("A metric-token route needs an `id` path parameter (the run).");
    const tokenRun = await checkedCredential("metric-token", request, clientIp, () => authenticateToken(request.headers.get("authorization"), runId));
    spendTokenRequest(tokenRun.credentialId);
    return { tokenRun };
  }
  return { user: allowedUser(await userFromHeaders(request.headers), auth.permission) };
}

/**
 * A bearer credential is checked first, so a valid one is never refused by the failure limit
 * (lib/security/failure-limit.ts); a failure counts against the address and the token's prefix, and
 * past the limit it is answered 429 instead of 401.
 */
async function checkedCredential<T>(kind: TCredentialKind, request: Request, clientIp: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "unauthenticated") throw error;
    const verdict = recordCredentialFailure(kind, { address: clientIp, credential: credentialPrefix(presentedSecret(request)) });
    if (!verdict.isLimited) throw error;
    throw new RateLimitedError(
      `Too many requests with a bad token from this address (or with this token's prefix): ${error.message} Wait ${retryAfterSeconds(verdict.retryAfterMs)} s before trying again; a valid token is accepted meanwhile.`,
      verdict.retryAfterMs,
    );
  }
}

/** The secret as presented: the bearer token, else the whole header (what a misconfigured script sent). */
function presentedSecret(request: Request): string {
  const authorization = request.headers.get("authorization") ?? "";
  return /^Bearer\s+(\S+)/i.exec(authorization)?.[1] ?? authorization;
}

/** Every API key and metric token has its own request rate (lib/security/limits.ts). */
function spendTokenRequest(credentialId: string): void {
  const perMinute = limits().apiRequestsPerMinute;
  const spent = take("token-requests", { max: perMinute, windowMs: 60_000 }, credentialId);
  if (!spent.isAllowed) {
    throw new RateLimitedError(`This API token has made ${perMinute} requests in the last minute, its limit: try again in ${retryAfterSeconds(spent.retryAfterMs)} s.`, spent.retryAfterMs);
  }
}

/** The query as an object, first value of each name (as URLSearchParams.get reads it). */
function firstQueryValues(request: Request): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new URL(request.url).searchParams) if (!(name in values)) values[name] = value;
  return values;
}

async function readBody(request: Request, textField: string | undefined): Promise<unknown> {
  const text = await request.text();
  if (textField && /^text\/(markdown|plain)\b/i.test(request.headers.get("content-type") ?? "")) return { [textField]: text };
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Body is not valid JSON.");
  }
}

/** ZodError → 422 naming the field, AppError → its code's status, anything else → a bare 500 (logged here, shown to nobody). */
export function errorResponse(error: unknown, spec: { auth: TRouteAuth; what: string }): Response {
  const { status, body } = toErrorResponse(error);
  // The pipeline API also names the field, so a script can say which of its inputs was wrong.
  const field = typeof spec.auth === "object" && spec.auth.scope && status < 500 ? errorField(error) : undefined;
  if (field) Object.assign(body.error, { field });
  if (status >= 500) log.error(`${spec.what} failed`, { message: (error as Error)?.message });
  const headers: Record<string, string> = { "cache-control": NO_STORE };
  if (error instanceof RateLimitedError) headers["retry-after"] = retryAfterSeconds(error.retryAfterMs);
  if (status === 401 && spec.auth === "metric-token") headers["www-authenticate"] = METRIC_TOKEN_CHALLENGE;
  if (status === 401 && typeof spec.auth === "object" && spec.auth.scope) headers["www-authenticate"] = API_KEY_CHALLENGE;
  return Response.json(body, { status, headers });
}
