// Every operation of the pipeline API, once: its method, path, who may call, and the zod schemas of
// its inputs and answer. The route handlers in app/api/v1 are built from these entries (lib/api/route.ts)
// and the OpenAPI document is generated from them (lib/api/openapi.ts), so neither can drift.
import { z } from "zod";
import type { TApiAuth } from "../http/route";
import {
  ZApiAnnouncement,
  ZApiAnnouncementPreview,
  ZApiCommandResult,
  ZApiCreateRun,
  ZApiGate,
  ZApiGateQuery,
  ZApiItemAction,
  ZApiListRunsQuery,
  ZApiMarkFaulty,
  ZApiMetricsPush,
  ZApiMetricsResult,
  ZApiRollout,
  ZApiRun,
  ZApiWindowConflict,
  ZApiRunDetail,
  ZApiRunList,
  ZApiRunParams,
  ZApiStatus,
  ZApiFreezeAnswer,
  ZApiGuards,
  ZApiLockAnswer,
  ZApiLockHeld,
} from "./schemas";
import { ZFlaggerAnswer, ZFlaggerPayload, ZFlaggerQuery, ZFlaggerRefusal } from "./flagger-schemas";
import { ZFreezeParams, ZSaveFreeze, ZServiceParams, ZTakeLock } from "../locks/schemas";
import { ZImportRunbook } from "../templates/schemas";
import { ZApiImportedTemplate, ZApiRunbookPreview, ZApiTemplateParams } from "./template-schemas";

export type TApiOperation = {
  method: "GET" | "POST" | "DELETE";
  /** OpenAPI form: /api/v1/runs/{id}. */
  path: string;
  summary: string;
  /** An API key's scope (or a signed-in person's permission); "public" needs nothing. */
  auth: TApiAuth | "public";
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body field a text/markdown body fills: the operation takes the text as it is, or JSON. */
  textBody?: string;
  success: { status: 200 | 201; schema: z.ZodType; contentType?: string };
  /** Honours Idempotency-Key (every mutation does). */
  isIdempotent?: boolean;
  /** Refusals whose body says more than the usual error (a held lock's holder, the gate that said no). */
  refusals?: Partial<Record<403 | 409, { description: string; schema: z.ZodType }>>;
};

const runsRead = { permission: "runs.read", scope: "runs:read" } as const;

export const API_OPERATIONS = {
  listRuns: {
    method: "GET",
    path: "/api/v1/runs",
    summary: "List runs, newest first (a run key sees only its run)",
    auth: runsRead,
    query: ZApiListRunsQuery,
    success: { status: 200, schema: ZApiRunList },
  },
  createRun: {
    method: "POST",
    path: "/api/v1/runs",
    summary: "Create a run from a template (by id or exact name)",
    auth: { permission: "runs.create", scope: "runs:write" },
    body: ZApiCreateRun,
    success: {
      status: 201,
      schema: z
        .object({
          run: ZApiRun,
          isReplay: z.boolean(),
          conflicts: z.array(ZApiWindowConflict).meta({ description: "Its planned window's conflicts (two runs of one service, a freeze, one lead on two runs): warnings, the run is created" }),
        })
        .meta({ id: "CreatedRun" }),
    },
    isIdempotent: true,
  },
  getRun: {
    method: "GET",
    path: "/api/v1/runs/{id}",
    summary: "A run with its checklist items and their stable keys",
    auth: runsRead,
    params: ZApiRunParams,
    success: { status: 200, schema: ZApiRunDetail },
  },
  itemAction: {
    method: "POST",
    path: "/api/v1/runs/{id}/items",
    summary: "Tick, skip, fail or undo a checklist item (by id, stable key or exact text)",
    auth: { permission: "items.tick", scope: "checklist:write" },
    params: ZApiRunParams,
    body: ZApiItemAction,
    success: { status: 200, schema: ZApiCommandResult },
    isIdempotent: true,
  },
  rollout: {
    method: "POST",
    path: "/api/v1/runs/{id}/rollout",
    summary: "Step the production rollout to its next percentage (once the checkpoint is green)",
    auth: { permission: "runs.control", scope: "rollout:write" },
    params: ZApiRunParams,
    body: ZApiRollout,
    success: { status: 200, schema: ZApiCommandResult },
    isIdempotent: true,
  },
  status: {
    method: "POST",
    path: "/api/v1/runs/{id}/status",
    summary: "Move the run's status (the war room's transition rules apply)",
    auth: { permission: "runs.control", scope: "status:write" },
    params: ZApiRunParams,
    body: ZApiStatus,
    success: { status: 200, schema: ZApiCommandResult },
    isIdempotent: true,
  },
  markFaulty: {
    method: "POST",
    path: "/api/v1/runs/{id}/faulty",
    summary: "Mark a completed run faulty with a reason (during or after its validation window): it counts in the change failure rate",
    auth: { permission: "runs.control", scope: "runs:write" },
    params: ZApiRunParams,
    body: ZApiMarkFaulty,
    success: { status: 200, schema: ZApiCommandResult },
    isIdempotent: true,
  },
  announce: {
    method: "POST",
    path: "/api/v1/runs/{id}/announcements",
    summary: "Post an announcement from one of the run's communication templates",
    auth: { permission: "comms.post", scope: "announce:write" },
    params: ZApiRunParams,
    body: ZApiAnnouncement,
    success: { status: 200, schema: ZApiCommandResult },
    isIdempotent: true,
  },
  previewAnnouncement: {
    method: "POST",
    path: "/api/v1/runs/{id}/announcements/preview",
    summary: "Fill one of the run's communication templates and answer its text, posting nothing",
    auth: { permission: "runs.read", scope: "runs:read" },
    params: ZApiRunParams,
    body: ZApiAnnouncement,
    success: { status: 200, schema: ZApiAnnouncementPreview },
  },
  gate: {
    method: "GET",
    path: "/api/v1/runs/{id}/gate",
    summary: "The go/no-go gate: the poll's outcome, the metrics, the checkpoint, locks and freezes together (never go on inconclusive data); ?wait= long-polls",
    auth: { permission: "runs.read", scope: "gate:read" },
    params: ZApiRunParams,
    query: ZApiGateQuery,
    success: { status: 200, schema: ZApiGate },
  },
  listLocks: {
    method: "GET",
    path: "/api/v1/locks",
    summary: "Every service lock and freeze window",
    auth: runsRead,
    success: { status: 200, schema: ZApiGuards },
  },
  takeLock: {
    method: "POST",
    path: "/api/v1/locks",
    summary: "Lock a service: its runs' gates say no_go until it is released. A held lock answers 409 naming the holder and the reason (with `lock`)",
    auth: { permission: "locks.manage", scope: "locks:write" },
    body: ZTakeLock,
    success: { status: 201, schema: ZApiLockAnswer },
    refusals: { 409: { description: "The service is already locked: the message names the holder and the reason; `lock` is the lock held", schema: ZApiLockHeld } },
  },
  releaseLock: {
    method: "DELETE",
    path: "/api/v1/locks/{service}",
    summary: "Release a service's lock (404 when it is not locked)",
    auth: { permission: "locks.manage", scope: "locks:write" },
    params: ZServiceParams,
    success: { status: 200, schema: ZApiLockAnswer },
  },
  saveFreeze: {
    method: "POST",
    path: "/api/v1/freezes",
    summary: "Add a freeze window: every service or one; a date range, or weekly days and hours in a time zone",
    auth: { permission: "locks.manage", scope: "locks:write" },
    body: ZSaveFreeze,
    success: { status: 201, schema: ZApiFreezeAnswer },
  },
  removeFreeze: {
    method: "DELETE",
    path: "/api/v1/freezes/{id}",
    summary: "Remove a freeze window",
    auth: { permission: "locks.manage", scope: "locks:write" },
    params: ZFreezeParams,
    success: { status: 200, schema: ZApiFreezeAnswer },
  },
  flaggerHook: {
    method: "POST",
    path: "/api/v1/hooks/flagger",
    summary: "Flagger's webhooks: confirm-* answer 200 when the gate says go (403 otherwise), rollback 200 when a rollback is recommended or decided, event goes on the timeline",
    auth: { permission: "runs.read", scope: "gate:read" },
    query: ZFlaggerQuery,
    body: ZFlaggerPayload,
    success: { status: 200, schema: ZFlaggerAnswer },
    refusals: { 403: { description: "The gate does not say yes to this hook (Flagger holds, or does not roll back); or the key lacks a scope", schema: ZFlaggerRefusal } },
  },
  pushMetrics: {
    method: "POST",
    path: "/api/v1/runs/{id}/metrics",
    summary: "Push metric samples (the same handler as /api/runs/{id}/metrics; duplicates are skipped, so retries are safe)",
    auth: { permission: "metrics.ingest", scope: "metrics:write" },
    params: ZApiRunParams,
    body: ZApiMetricsPush,
    success: { status: 200, schema: ZApiMetricsResult },
  },
  previewTemplateImport: {
    method: "POST",
    path: "/api/v1/templates/import/preview",
    summary: "Read a Markdown runbook (JSON {markdown, name?} or the text itself as text/markdown) and answer what was understood and what was not, with line numbers; writes nothing",
    auth: { permission: "templates.edit", scope: "templates:write" },
    body: ZImportRunbook,
    textBody: "markdown",
    success: { status: 200, schema: ZApiRunbookPreview },
  },
  importTemplate: {
    method: "POST",
    path: "/api/v1/templates/import",
    summary: "Import a Markdown runbook as a new template (the same reading as the preview); answers its id and the preview",
    auth: { permission: "templates.edit", scope: "templates:write" },
    body: ZImportRunbook,
    textBody: "markdown",
    success: { status: 201, schema: ZApiImportedTemplate },
    isIdempotent: true,
  },
  exportTemplate: {
    method: "GET",
    path: "/api/v1/templates/{id}/export",
    summary: "A template as a Markdown runbook in the seed's shape (import reads it back as the same template)",
    auth: { permission: "templates.read", scope: "templates:read" },
    params: ZApiTemplateParams,
    success: { status: 200, schema: z.string(), contentType: "text/markdown" },
  },
  openapi: {
    method: "GET",
    path: "/api/v1/openapi.json",
    summary: "This API's OpenAPI 3.1 document",
    auth: "public",
    success: { status: 200, schema: z.object({ openapi: z.literal("3.1.0") }).loose().meta({ id: "OpenApiDocument" }) },
  },
  reference: {
    method: "GET",
    path: "/api/v1/reference",
    summary: "This API's reference as a web page",
    auth: "public",
    success: { status: 200, schema: z.string(), contentType: "text/html" },
  },
} as const satisfies Record<string, TApiOperation>;

export type TApiOperationName = keyof typeof API_OPERATIONS;
