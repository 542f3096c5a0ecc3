// The request a log line belongs to: server.ts gives every HTTP request an id (the proxy's
// X-Request-Id when it sends a sane one, else a fresh one), answers it in X-Request-Id and runs the
// request inside this context (request-ids.ts), so every line logged while serving it carries
// `reqId`, however deep.
// Kept on globalThis: server.ts and Next's bundles load this module separately, and the line
// logged from a server action must see the context server.ts opened.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export type TRequestContext = { requestId: string };

const holder = globalThis as typeof globalThis & { __warroomRequestContext?: AsyncLocalStorage<TRequestContext> };
const storage = (holder.__warroomRequestContext ??= new AsyncLocalStorage<TRequestContext>());

export const REQUEST_ID_HEADER = "x-request-id";

/** What a proxy may hand us as an id: short and plain (it ends up in every log line of the request). */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The incoming X-Request-Id when it is sane (nginx's $request_id is), else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

export function runWithRequestContext<T>(context: TRequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
