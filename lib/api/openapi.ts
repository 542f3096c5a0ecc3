// The OpenAPI 3.1 document of the pipeline API, generated from the operations table and its zod
// schemas with zod's own z.toJSONSchema (JSON Schema 2020-12 is OpenAPI 3.1's schema dialect).
// Named schemas (.meta({ id })) become components; everything else stays inline.
import { z } from "zod";
import { API_OPERATIONS, type TApiOperation } from "./operations";
import { API_SCOPE_LABELS, API_SCOPES } from "./scopes";
import { ZApiError } from "./schemas";

type TJson = Record<string, unknown>;

const ERROR_ANSWERS: Record<string, string> = {
  "400": "The body is not valid JSON",
  "401": "No API key, or an unknown or revoked one",
  "403": "The key lacks the scope, or belongs to another run",
  "404": "No such run (or item, template)",
  "409": "A conflict: stale state, an illegal transition, an ambiguous item or template, or an Idempotency-Key reused for a different request",
  "413": "The body is too large",
  "415": "The body is not sent as application/json",
  "422": "Invalid input; `field` names it",
  "429": "Too many requests (or too many with a bad key): wait a minute",
};

/** Converts a schema, moving its named definitions into `components` and pointing refs there. */
function toSchema(schema: z.ZodType, io: "input" | "output", components: TJson): TJson {
  const raw = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as TJson;
  const { $schema: _dialect, $defs, ...rest } = JSON.parse(JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/')) as TJson & { $defs?: TJson };
  for (const [id, definition] of Object.entries($defs ?? {})) {
    const existing = components[id];
    // One name, one shape: a schema used both ways must read the same both ways.
    if (existing && JSON.stringify(existing) !== JSON.stringify(definition)) throw new Error(`OpenAPI: schema ${id} differs between requests and answers`);
    components[id] = definition;
  }
  return rest;
}

function parametersOf(operation: TApiOperation, components: TJson): TJson[] {
  const parameters: TJson[] = [];
  for (const [where, schema] of [["path", operation.params], ["query", operation.query]] as const) {
    if (!schema) continue;
    const json = toSchema(schema, "input", components) as { properties?: Record<string, TJson>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = property;
      parameters.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), schema: rest, ...(description ? { description } : {}) });
    }
  }
  if (operation.isIdempotent) {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Retrying with the same key applies the change once; the same key with a different request is refused with 409",
      schema: { type: "string", minLength: 8, maxLength: 100 },
    });
  }
  return parameters;
}

function requestContent(operation: TApiOperation, components: TJson): TJson {
  const json = { "application/json": { schema: toSchema(operation.body!, "input", components) } };
  return operation.textBody ? { ...json, "text/markdown": { schema: { type: "string", description: `The ${operation.textBody} itself` } } } : json;
}

function operationObject(name: string, operation: TApiOperation, components: TJson): TJson {
  const { status, schema, contentType = "application/json" } = operation.success;
  const responses: TJson = { [status]: { description: "Success", content: { [contentType]: { schema: toSchema(schema, "output", components) } } } };
  if (operation.auth !== "public") {
    const error = { content: { "application/json": { schema: toSchema(ZApiError, "output", components) } } };
    for (const [code, description] of Object.entries(ERROR_ANSWERS)) responses[code] = { description, ...error };
    for (const [code, refusal] of Object.entries(operation.refusals ?? {})) {
      responses[code] = { description: refusal.description, content: { "application/json": { schema: toSchema(refusal.schema, "output", components) } } };
    }
  }
  return {
    operationId: name,
    summary: operation.summary,
    ...(operation.auth === "public" ? { security: [] } : { "x-scope": operation.auth.scope, description: `Needs an API key with the \`${operation.auth.scope}\` scope (or a signed-in session whose role allows it).` }),
    parameters: parametersOf(operation, components),
    ...(operation.body ? { requestBody: { required: true, content: requestContent(operation, components) } } : {}),
    responses,
  };
}

export function buildOpenApiDocument(serverUrl?: string): TJson {
  const components: TJson = {};
  const paths: Record<string, TJson> = {};
  for (const [name, operation] of Object.entries(API_OPERATIONS) as [string, TApiOperation][]) {
    paths[operation.path] ??= {};
    paths[operation.path][operation.method.toLowerCase()] = operationObject(name, operation, components);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Warroom pipeline API",
      version: "1",
      description: `Scopes: ${API_SCOPES.map((s) => `${s} (${API_SCOPE_LABELS[s]})`).join(", ")}.`,
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ apiKey: [] }],
    paths,
    components: { schemas: components, securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key: `Authorization: Bearer wrm_…`" } } },
  };
}
