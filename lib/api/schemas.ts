// The pipeline API's (/api/v1) requests and answers: the route handlers parse with these, and the
// OpenAPI document (lib/api/openapi.ts) is generated from these same schemas, so the two cannot drift.
import { z } from "zod";
import { COMMS_TEMPLATE_KEYS } from "../domain/comms-events";
import { SENDABLE_STAGES } from "../domain/metric-catalog";
import { RUN_STATUSES } from "../domain/run-status";
import { parseDuration } from "../domain/duration";
import { GATE_DECISIONS, GATE_SOURCES, GATE_STAGES } from "./gate-rule";

const ZText = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

export const ZApiRunParams = z.object({ id: z.string().min(1).max(64).meta({ description: "The run's id" }) });

export const ZApiListRunsQuery = z.object({
  status: z.enum(RUN_STATUSES, { error: `must be one of ${RUN_STATUSES.join(", ")}` }).optional(),
  service: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number({ error: "must be a number" }).int().min(1).max(100).default(20),
});

export const ZApiCreateRun = z
  .strictObject({
    template: ZText(200).meta({ description: "The template's id or its exact name (e.g. “Deployment Day”)" }),
    service: ZText(100),
    version: ZText(100),
    commit: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{7,40}$/i, "must be a 7–40 character hex hash")
      .optional(),
    commitAt: z.iso
      .datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone" })
      .optional()
      .meta({ description: "When the change was committed: lead time for changes runs from here to completion" }),
    name: ZText(200).optional().meta({ description: "Defaults to “<service> <version>”" }),
    window: z
      .strictObject({
        start: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone" }),
        minutes: z.number().int().min(15, "must be at least 15").max(24 * 60, "must be at most 1440"),
      })
      .optional()
      .meta({ description: "The planned window; defaults to starting now for 4 hours" }),
  })
  .meta({ id: "CreateRun" });

export const ITEM_ACTIONS = ["tick", "skip", "fail", "undo"] as const;
const ZItemReference = ZText(1000).meta({ description: "The item's id, its stable key (<phase>.<section>.<item>, 1-based: “preflight.1.2”) or its exact text" });
const ZReason = z
  .string({ error: (issue) => (issue.input === undefined ? "is required to skip or fail an item" : "must be a string") })
  .trim()
  .min(1, "must not be empty")
  .max(1000);
// A union on `action` rather than a refinement, so "skip and fail need a reason" is in the document too.
export const ZApiItemAction = z
  .discriminatedUnion(
    "action",
    [
      z.strictObject({ item: ZItemReference, action: z.enum(["tick", "undo"]) }),
      z.strictObject({ item: ZItemReference, action: z.literal("skip"), reason: ZReason.meta({ description: "Why it is skipped" }) }),
      z.strictObject({ item: ZItemReference, action: z.literal("fail"), reason: ZReason.meta({ description: "What failed" }) }),
    ],
    { error: `must be one of ${ITEM_ACTIONS.join(", ")}` },
  )
  .meta({ id: "ItemAction" });

export const ZApiRollout = z
  .strictObject({
    fromPercent: z.number().int().min(0).max(100).optional().meta({ description: "The step the pipeline believes is current; a stale one is refused (409)" }),
    to: z.number().int().min(1).max(100).optional().meta({ description: "The step to go to; refused (409) unless it is the next one. Already there: answered as a replay, nothing changed" }),
  })
  .meta({ id: "RolloutStep" });

export const ZApiStatus = z
  .strictObject({
    to: z.enum(RUN_STATUSES, { error: `must be one of ${RUN_STATUSES.join(", ")}` }),
    reason: ZText(1000).optional(),
    plannedStart: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone" }).optional(),
  })
  .meta({ id: "StatusChange" });

export const ZApiMarkFaulty = z
  .strictObject({
    reason: ZText(1000).meta({ description: "What was found wrong with the deployment" }),
  })
  .meta({ id: "MarkFaulty" });

export const ZApiAnnouncement = z
  .strictObject({
    template: z.enum(COMMS_TEMPLATE_KEYS, { error: `must be one of ${COMMS_TEMPLATE_KEYS.join(", ")}` }),
    fields: z.record(z.string().max(64), z.string().max(1000)).optional().meta({ description: "Values for the template's {{fields}} the run does not know" }),
  })
  .meta({ id: "Announcement" });

export const ZApiAnnouncementPreview = z
  .object({ preview: z.object({ template: z.enum(COMMS_TEMPLATE_KEYS), body: z.string().meta({ description: "The announcement as it would be posted" }) }) })
  .meta({ id: "AnnouncementPreview" });

/** The push body as documented (the handler parses it itself: lib/metrics/ingest.ts). */
const ZSampleDoc = z
  .strictObject({
    metric: ZText(64),
    value: z.number(),
    timestamp: z.union([z.iso.datetime({ offset: true }), z.number().int().min(0)]),
    stage: z.enum(SENDABLE_STAGES).optional(),
  })
  .meta({ id: "MetricSample" });
export const ZApiMetricsPush = z.union([ZSampleDoc, z.array(ZSampleDoc), z.strictObject({ samples: z.array(ZSampleDoc) })]).meta({ id: "MetricsPush" });

// ── answers ──

export const ZApiError = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional().meta({ description: "The input that was wrong (a body path, query name or header)" }),
    }),
  })
  .meta({ id: "Error" });

export const ZApiRun = z
  .object({
    id: z.string(),
    name: z.string(),
    service: z.string(),
    version: z.string(),
    commit: z.string().nullable(),
    commitAt: z.string().nullable(),
    status: z.enum(RUN_STATUSES),
    rolloutPercent: z.number().int(),
    plannedStart: z.string(),
    plannedDurationMin: z.number().int(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    faulty: z
      .object({ at: z.string(), reason: z.string(), byName: z.string() })
      .nullable()
      .meta({ description: "Marked faulty after completion: counts as a failed change" }),
    url: z.string().meta({ description: "The war room" }),
  })
  .meta({ id: "Run" });

/** A planned-window conflict: a warning with its reason, never a refusal (lib/domain/window-conflicts.ts). */
export const ZApiWindowConflict = z
  .object({
    kind: z.enum(["service_overlap", "freeze", "lead_double_booked"]),
    withId: z.string().meta({ description: "The other run, or the freeze" }),
    reason: z.string(),
  })
  .meta({ id: "WindowConflict" });

export const ZApiItem = z
  .object({
    id: z.string(),
    key: z.string().meta({ description: "<phase>.<section>.<item>, 1-based" }),
    text: z.string(),
    phase: z.string(),
    section: z.string(),
    state: z.enum(["open", "done", "skipped", "failed"]),
    required: z.boolean(),
    isRecurring: z.boolean().meta({ description: "Recurring checks are recorded in rounds, not ticked" }),
  })
  .meta({ id: "Item" });

export const ZApiRunDetail = ZApiRun.extend({ items: z.array(ZApiItem) }).meta({ id: "RunDetail" });
export const ZApiRunList = z.object({ runs: z.array(ZApiRun) }).meta({ id: "RunList" });

export const ZApiCommandResult = z
  .object({
    run: ZApiRun,
    event: z.object({ seq: z.number().int(), type: z.string(), actorName: z.string(), createdAt: z.string() }),
    isReplay: z.boolean().meta({ description: "True when an earlier request with the same Idempotency-Key already applied this" }),
  })
  .meta({ id: "CommandResult" });

export const ZApiMetricsResult = z.object({ accepted: z.number().int(), duplicates: z.number().int() }).meta({ id: "MetricsResult" });

/** The longest a gate request may be held open (proxies commonly cut idle requests at 60 s). */
export const MAX_GATE_WAIT_MS = 60_000;
const ZDecision = z.enum(GATE_DECISIONS, { error: `must be one of ${GATE_DECISIONS.join(", ")}` });

export const ZApiGateQuery = z.object({
  stage: z.enum(GATE_STAGES, { error: `must be one of ${GATE_STAGES.join(", ")}` }).optional().meta({ description: "Judge the rules of this stage (and those of every stage); default: every rule" }),
  step: z.coerce.number({ error: "must be a number" }).int().min(1).max(100).optional().meta({ description: "Also require this rollout step's checkpoint to be reached (a percentage of the run's rollout)" }),
  wait: z
    .string()
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === null || ms > MAX_GATE_WAIT_MS) {
        ctx.addIssue({ code: "custom", message: "must be a duration up to 60s (30s, 1m, or seconds)" });
        return z.NEVER;
      }
      return ms;
    })
    .optional()
    .meta({ description: "Long-poll: hold the answer until the decision changes (from `while`), at most this long (up to 60s)" }),
  while: ZDecision.optional().meta({ description: "With wait: answer once the decision is no longer this one (default: the decision when the request arrived)" }),
});

export const ZApiGateReason = z.object({ source: z.enum(GATE_SOURCES), decision: ZDecision, message: z.string() }).meta({ id: "GateReason" });

export const ZApiGate = z
  .object({
    runId: z.string(),
    service: z.string(),
    status: z.enum(RUN_STATUSES),
    rolloutPercent: z.number().int(),
    stage: z.enum(GATE_STAGES).nullable(),
    step: z.number().int().nullable(),
    decision: ZDecision.meta({
      description:
        "go: the poll said PROCEED, every gating rule is ok with fresh data, the step's checkpoint is reached, no lock or freeze; wait: not known yet; no_go: stop (firing rule, RESCHEDULE, lock, freeze); rollback: a rollback is recommended or decided",
    }),
    reasons: z.array(ZApiGateReason).meta({ description: "What decides it, worst first" }),
    evaluatedAt: z.string(),
    waitedMs: z.number().int().optional().meta({ description: "With wait: how long the answer was held" }),
  })
  .meta({ id: "Gate" });

// ── locks and freezes ──

export const ZApiLock = z
  .object({ id: z.string(), service: z.string(), reason: z.string(), holderName: z.string(), takenAt: z.string() })
  .meta({ id: "Lock" });
const ZFreezeCommon = { id: z.string(), service: z.string().nullable().meta({ description: "null: every service" }), reason: z.string(), createdByName: z.string() };
export const ZApiFreeze = z
  .union([
    z.object({ ...ZFreezeCommon, kind: z.literal("range"), startsAt: z.string(), endsAt: z.string(), timeZone: z.string() }),
    z.object({
      ...ZFreezeCommon,
      kind: z.literal("weekly"),
      weekdays: z.array(z.number().int()).meta({ description: "0 = Sunday … 6 = Saturday" }),
      startMinute: z.number().int(),
      endMinute: z.number().int(),
      timeZone: z.string(),
    }),
  ])
  .meta({ id: "Freeze" });
export const ZApiGuards = z.object({ locks: z.array(ZApiLock), freezes: z.array(ZApiFreeze) }).meta({ id: "LocksAndFreezes" });
export const ZApiLockAnswer = z.object({ lock: ZApiLock }).meta({ id: "LockAnswer" });
export const ZApiFreezeAnswer = z.object({ freeze: ZApiFreeze }).meta({ id: "FreezeAnswer" });
export const ZApiLockHeld = ZApiError.extend({ lock: ZApiLock }).meta({ id: "LockHeld" });
