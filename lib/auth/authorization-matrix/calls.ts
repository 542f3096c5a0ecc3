// How the matrix calls a mutation as a given caller: a socket event (with or without an answer), a
// route handler or a server action, each reduced to one outcome: allowed, or refused with a code.
import path from "node:path";
import { io as connect, Socket as ClientSocket } from "socket.io-client";
import { TEST_APP_URL } from "../../../e2e/support/integration";
import { ACTOR_KINDS, type TPermission, type TRole } from "../../domain/roles";
import type { TActor } from "../users";
import { callerRequest } from "./caller-request";
import { ACCOUNT_ROLES, world } from "./world";

/** Every caller: the six kinds of the permission table, and someone with no credential at all. */
export const CALLERS = [...ACTOR_KINDS, "anonymous"] as const;
export type TCaller = (typeof CALLERS)[number];
export const isAccount = (c: TCaller): c is TRole => (ACCOUNT_ROLES as readonly TCaller[]).includes(c);

export type TOutcome = { ok: true } | { ok: false; code: string };
/** What a refusal may say: not who you are, or not allowed (never "invalid input": the calls are valid). */
export const REFUSAL_CODES = ["unauthenticated", "forbidden", "unauthorized", "link_invalid"];

export type TRun = { id: string };
export type TCase = {
  caller: TCaller;
  run: TRun;
  /** The caller's credentials for this run. */
  cookie?: string;
  shareToken?: string;
  metricToken?: string;
  /** The account acting, when it is not the world's account of that role (the revocation rows). */
  actor?: TActor;
  /** A workspace API key holding every scope (what each call may do is then the permission table's). */
  apiKey?: string;
};

export type TEntry = {
  /**
   * The permission the mutation needs; "anyone" for public reads, "nobody" for what is closed to all,
   * "own session" for what any account does to its own session (signing out).
   */
  permission: TPermission | "anyone" | "nobody" | "own session";
  /** A rule on top of the permission, enforced by the feature (prepare arranges it for allowed callers). */
  rule?: string;
  /** Reachable with an API key (HTTP only: server actions and sockets are for people's sessions). */
  acceptsApiKey?: boolean;
  /** Whether a successful call writes to the database. */
  isMutation: boolean;
  /** Arranges the state a valid call needs (before the database is fingerprinted). */
  prepare: (c: TCase) => Promise<unknown>;
  /** Makes the call as the caller. */
  call: (c: TCase, input: unknown) => Promise<TOutcome>;
  /** Waits for work a successful call started after answering (webhook deliveries): part of its change. */
  settle?: () => Promise<void>;
  /** Undoes what the case left behind that would leak into later cases (global webhooks). */
  cleanup?: () => Promise<void>;
};

export const refusedWith = (code: string): TOutcome => ({ ok: false, code });

/** A browser-like request carries its Origin; socket clients here are scripts and send none (origin.test.ts covers that check). */
function credentialHeaders(c: TCase, isBrowser = true): Record<string, string> {
  const headers: Record<string, string> = isBrowser ? { origin: TEST_APP_URL } : {};
  if (c.cookie) headers.cookie = c.cookie;
  if (c.metricToken) headers.authorization = `Bearer ${c.metricToken}`;
  if (c.apiKey) headers.authorization = `Bearer ${c.apiKey}`;
  return headers;
}

/** One short-lived socket for callers without a session (they must not get in). */
async function connectAs(c: TCase, namespace = "/"): Promise<ClientSocket | TOutcome> {
  if (namespace === "/" && isAccount(c.caller)) return world.sockets.get(c.caller)!;
  const socket = connect(`${world.baseUrl}${namespace === "/" ? "" : namespace}`, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: credentialHeaders(c, false),
    auth: c.shareToken ? { token: c.shareToken } : {},
  });
  return new Promise((resolve) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      resolve(refusedWith(error.message));
    });
  });
}

export function socketCall(event: string, namespace = "/"): TEntry["call"] {
  return async (c, input) => {
    const socket = await connectAs(c, namespace);
    if (!(socket instanceof ClientSocket)) return socket as TOutcome;
    try {
      const reply = (await socket.timeout(5000).emitWithAck(event, input)) as { data?: unknown; error?: { code: string } };
      return reply.error ? refusedWith(reply.error.code) : { ok: true };
    } finally {
      if (!isAccount(c.caller) || namespace !== "/") socket.close();
    }
  };
}

/** Events that answer nothing (run:leave): the caller may send them; they must change nothing. */
export function socketFireAndForget(event: string): TEntry["call"] {
  return async (c, input) => {
    const socket = await connectAs(c);
    if (!(socket instanceof ClientSocket)) return socket as TOutcome;
    socket.emit(event, input);
    // A round trip after it proves the server has handled it.
    await socket.timeout(5000).emitWithAck("run:join", { runId: "none" }).catch(() => undefined);
    if (!isAccount(c.caller)) socket.close();
    return { ok: true };
  };
}

type TRouteModule = Record<string, (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>>;

export function routeCall(file: string, method: string, url: (c: TCase) => string, params: (c: TCase) => Record<string, string | string[]>, body?: (c: TCase, input: unknown) => string): TEntry["call"] {
  return async (c, input) => {
    const module = (await import(/* @vite-ignore */ path.resolve(file))) as TRouteModule;
    const headers = new Headers(credentialHeaders(c));
    const init: RequestInit = { method, headers };
    if (body) {
      init.body = body(c, input);
      headers.set("content-type", "application/json");
    }
    const req = new Request(`${TEST_APP_URL}${url(c)}`, init);
    callerRequest.headers = req.headers;
    const response = await module[method](req, { params: Promise.resolve(params(c)) });
    if (response.status < 300) return { ok: true };
    const text = await response.text();
    const code = (() => {
      try {
        return (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? String(response.status);
      } catch {
        return String(response.status);
      }
    })();
    if (response.status === 401 || response.status === 403) return refusedWith(response.status === 401 ? "unauthenticated" : code);
    return refusedWith(`HTTP ${response.status} ${code}`);
  };
}

type TActionModule = Record<string, (...args: unknown[]) => Promise<{ ok: boolean; code?: string }>>;

export function actionCall(file: string, name: string, args: (c: TCase, input: unknown) => unknown[]): TEntry["call"] {
  return async (c, input) => {
    const module = (await import(/* @vite-ignore */ path.resolve(file))) as TActionModule;
    callerRequest.headers = new Headers(credentialHeaders(c));
    try {
      const result = await module[name](...args(c, input));
      return result && result.ok === false ? refusedWith(result.code ?? "refused") : { ok: true };
    } catch (error) {
      // Next's redirect() after a successful action (createRunAction) signals by throwing.
      if (String((error as { digest?: string }).digest ?? "").startsWith("NEXT_REDIRECT")) return { ok: true };
      throw error;
    }
  };
}

export const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};
