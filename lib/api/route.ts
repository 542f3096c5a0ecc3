// A pipeline API route handler built from its operation (lib/api/operations.ts): the wrapper in
// lib/http/route.ts does auth, parsing and errors; this adds the operation's success status and, for
// mutations, the Idempotency-Key.
import type { z } from "zod";
import { route, type TRouteHandler, type TRouteInput } from "../http/route";
import type { TApiCaller } from "./caller";
import { idempotencyOf, NO_IDEMPOTENCY, type TIdempotency } from "./idempotency";
import type { TApiOperation } from "./operations";

type TOpInput<TOp extends TApiOperation> = TRouteInput<
  TOp["auth"],
  TOp["params"] extends z.ZodType ? TOp["params"] : undefined,
  TOp["query"] extends z.ZodType ? TOp["query"] : undefined,
  TOp["body"] extends z.ZodType ? TOp["body"] : undefined
> & { idempotency: TIdempotency };

export function apiRoute<TOp extends TApiOperation>(operation: TOp, handler: (input: TOpInput<TOp>) => Promise<object>): TRouteHandler {
  const spec = { auth: operation.auth, what: `api ${operation.method} ${operation.path}`, params: operation.params, query: operation.query, body: operation.body, textBody: operation.textBody };
  return route(spec, async (input) => {
    const caller = input as unknown as TApiCaller;
    const idempotency = operation.isIdempotent
      ? await idempotencyOf(caller, input.request, input.body)
      : NO_IDEMPOTENCY;
    const result = await handler({ ...input, idempotency } as TOpInput<TOp>);
    return result instanceof Response ? result : Response.json(result, { status: operation.success.status });
  });
}
