// The matrix's pipeline API routes (app/api/v1): each answers an API key holding its scope or a
// signed-in person whose role has its permission; everyone else is refused with nothing written.
import { randomUUID } from "node:crypto";
import { loadApiItems } from "../../api/runs";
import { db } from "../../db/client";
import { manualTriggers } from "../../domain/metric-defaults";
import { stopMetricsMonitor } from "../../metrics/monitor";
import { triggerRollback } from "../../metrics/rollback-commands";
import { world } from "./world";
import { completedRun, setStatus, smallTemplate, deliveriesDone } from "./arrange";
import { routeCall, type TEntry } from "./calls";

const v1 = (file: string) => `app/api/v1/${file}/route.ts`;
const json = (_c: unknown, input: unknown) => JSON.stringify(input);
const TINY_RUNBOOK = "# Matrix runbook\n\n## Pre-Deployment (30 minutes)\n### Checks\n- [ ] Backup taken\n";

export const API_V1_ENTRIES: [string, TEntry][] = [
  [
    "route GET /api/v1/runs",
    { permission: "runs.read", acceptsApiKey: true, isMutation: false, prepare: async () => null, call: routeCall(v1("runs"), "GET", () => "/api/v1/runs", () => ({})) },
  ],
  [
    "route POST /api/v1/runs",
    {
      permission: "runs.create",
      acceptsApiKey: true,
      isMutation: true,
      prepare: async () => ({ template: await smallTemplate(), service: "midi-api", version: "9.1.0" }),
      call: routeCall(v1("runs"), "POST", () => "/api/v1/runs", () => ({}), json),
    },
  ],
  [
    "route GET /api/v1/runs/[id]",
    {
      permission: "runs.read",
      acceptsApiKey: true,
      isMutation: false,
      prepare: async () => null,
      call: routeCall(v1("runs/[id]"), "GET", (c) => `/api/v1/runs/${c.run.id}`, (c) => ({ id: c.run.id })),
    },
  ],
  [
    "route GET /api/v1/runs/[id]/gate",
    {
      permission: "runs.read",
      acceptsApiKey: true,
      isMutation: false,
      prepare: async () => null,
      call: routeCall(v1("runs/[id]/gate"), "GET", (c) => `/api/v1/runs/${c.run.id}/gate`, (c) => ({ id: c.run.id })),
    },
  ],
  [
    "route POST /api/v1/runs/[id]/items",
    {
      permission: "items.tick",
      acceptsApiKey: true,
      isMutation: true,
      prepare: async (c) => ({ item: (await loadApiItems(c.run.id)).find((i) => !i.isRecurring)!.key, action: "tick" }),
      call: routeCall(v1("runs/[id]/items"), "POST", (c) => `/api/v1/runs/${c.run.id}/items`, (c) => ({ id: c.run.id }), json),
    },
  ],
  [
    "route POST /api/v1/runs/[id]/rollout",
    {
      permission: "runs.control",
      acceptsApiKey: true,
      isMutation: true,
      prepare: async (c) => {
        await setStatus(c.run.id, "production");
        return { fromPercent: 0 };
      },
      call: routeCall(v1("runs/[id]/rollout"), "POST", (c) => `/api/v1/runs/${c.run.id}/rollout`, (c) => ({ id: c.run.id }), json),
      // A step sets the monitor judging the run: stopped before the next caller, whose refusal must change nothing.
      settle: () => stopMetricsMonitor(),
    },
  ],
  [
    "route POST /api/v1/runs/[id]/status",
    {
      permission: "runs.control",
      acceptsApiKey: true,
      isMutation: true,
      prepare: async () => ({ to: "pre_deployment" }),
      call: routeCall(v1("runs/[id]/status"), "POST", (c) => `/api/v1/runs/${c.run.id}/status`, (c) => ({ id: c.run.id }), json),
    },
  ],
  [
    "route POST /api/v1/runs/[id]/faulty",
    {
      permission: "runs.control",
      rule: "only a completed run",
      acceptsApiKey: true,
      isMutation: true,
      prepare: async (c) => {
        await completedRun(c.run.id);
        return { reason: "Checkout errors an hour after release" };
      },
      call: routeCall(v1("runs/[id]/faulty"), "POST", (c) => `/api/v1/runs/${c.run.id}/faulty`, (c) => ({ id: c.run.id }), json),
    },
  ],
  [
    "route POST /api/v1/runs/[id]/announcements",
    {
      permission: "comms.post",
      acceptsApiKey: true,
      isMutation: true,
      prepare: async () => ({ template: "in_progress", fields: { phoneNumber: "+1 555 0100" } }),
      call: routeCall(v1("runs/[id]/announcements"), "POST", (c) => `/api/v1/runs/${c.run.id}/announcements`, (c) => ({ id: c.run.id }), json),
      settle: deliveriesDone,
    },
  ],
  [
    "route POST /api/v1/runs/[id]/metrics",
    {
      permission: "metrics.ingest",
      rule: "a run key of that very run, or a workspace key with metrics:write",
      acceptsApiKey: true,
      isMutation: true,
      prepare: async () => ({ metric: "error_rate", value: 0.4, timestamp: new Date().toISOString() }),
      call: routeCall(v1("runs/[id]/metrics"), "POST", (c) => `/api/v1/runs/${c.run.id}/metrics`, (c) => ({ id: c.run.id }), json),
      // A push sets the monitor judging the run every 10 s: its verdicts must not land in later cases.
      cleanup: () => stopMetricsMonitor(),
    },
  ],
  [
    "route POST /api/v1/runs/[id]/announcements/preview",
    {
      permission: "runs.read",
      acceptsApiKey: true,
      isMutation: false,
      prepare: async () => ({ template: "in_progress" }),
      call: routeCall(v1("runs/[id]/announcements/preview"), "POST", (c) => `/api/v1/runs/${c.run.id}/announcements/preview`, (c) => ({ id: c.run.id }), json),
    },
  ],
  [
    "route GET /api/v1/locks",
    { permission: "runs.read", acceptsApiKey: true, isMutation: false, prepare: async () => null, call: routeCall(v1("locks"), "GET", () => "/api/v1/locks", () => ({})) },
  ],
  [
    "route POST /api/v1/locks",
    {
      permission: "locks.manage",
      acceptsApiKey: true,
      isMutation: true,
      prepare: async () => ({ service: `svc-${randomUUID()}`, reason: "Incident 4411" }),
      call: routeCall(v1("locks"), "POST", () => "/api/v1/locks", () => ({}), json),
    },
  ],
  [
    "route DELETE /api/v1/locks/[service]",
    {
      permission: "locks.manage",
      acceptsApiKey: true,
      isMutation: true,
      prepare: async () => (await db().serviceLock.create({ data: { serviceKey: `svc-${randomUUID()}`, service: "svc", reason: "Matrix", holderName: "Ada Admin" } })).serviceKey,
      call: (c, service) => routeCall(v1("locks/[service]"), "DELETE", () => `/api/v1/locks/${service}`, () => ({ service: service as string }))(c, service),
    },
  ],
  [
    "route POST /api/v1/freezes",
    {
      permission: "locks.manage",
      acceptsApiKey: true,
      isMutation: true,
      prepare: async () => ({ kind: "weekly", service: "matrix", reason: "No Friday deploys", weekdays: [5], start: "12:00", end: "23:00", timeZone: "UTC" }),
      call: routeCall(v1("freezes"), "POST", () => "/api/v1/freezes", () => ({}), json),
    },
  ],
  [
    "route DELETE /api/v1/freezes/[id]",
    {
      permission: "locks.manage",
      acceptsApiKey: true,
      isMutation: true,
      prepare: async () => (await db().freezeWindow.create({ data: { kind: "range", service: "matrix", serviceKey: "matrix", reason: "Audit", startsAt: new Date(), endsAt: new Date(Date.now() + 60_000), timeZone: "UTC", weekdays: [], createdByName: "Ada Admin" } })).id,
      call: (c, id) => routeCall(v1("freezes/[id]"), "DELETE", () => `/api/v1/freezes/${id}`, () => ({ id: id as string }))(c, id),
    },
  ],
  [
    "route POST /api/v1/hooks/flagger",
    {
      permission: "runs.read",
      rule: "the rollback hook, on a run whose rollback is recommended (Flagger may also send the key as metadata.token)",
      acceptsApiKey: true,
      isMutation: false,
      prepare: async (c) => {
        const run = await db().run.findUniqueOrThrow({ where: { id: c.run.id } });
        await triggerRollback(world.team.lead, { runId: run.id, label: manualTriggers(run.playbook)[0], note: "Matrix" });
        return { name: "podinfo", namespace: "test", phase: "Progressing", checksum: "x", metadata: { runId: run.id } };
      },
      call: routeCall(v1("hooks/flagger"), "POST", () => "/api/v1/hooks/flagger?hook=rollback", () => ({}), json),
    },
  ],
  [
    "route POST /api/v1/templates/import/preview",
    {
      permission: "templates.edit",
      acceptsApiKey: true,
      isMutation: false,
      prepare: async () => ({ markdown: TINY_RUNBOOK }),
      call: routeCall(v1("templates/import/preview"), "POST", () => "/api/v1/templates/import/preview", () => ({}), json),
    },
  ],
  [
    "route POST /api/v1/templates/import",
    {
      permission: "templates.edit",
      acceptsApiKey: true,
      isMutation: true,
      prepare: async () => ({ markdown: TINY_RUNBOOK, name: `Imported ${randomUUID()}` }),
      call: routeCall(v1("templates/import"), "POST", () => "/api/v1/templates/import", () => ({}), json),
    },
  ],
  [
    "route GET /api/v1/templates/[id]/export",
    {
      permission: "templates.read",
      acceptsApiKey: true,
      isMutation: false,
      prepare: async () => (await db().template.findFirstOrThrow({ where: { isDefault: true } })).id,
      call: (c, id) => routeCall(v1("templates/[id]/export"), "GET", () => `/api/v1/templates/${id}/export`, () => ({ id: id as string }))(c, id),
    },
  ],
  [
    "route GET /api/v1/openapi.json",
    { permission: "anyone", isMutation: false, prepare: async () => null, call: routeCall(v1("openapi.json"), "GET", () => "/api/v1/openapi.json", () => ({})) },
  ],
  [
    "route GET /api/v1/reference",
    { permission: "anyone", isMutation: false, prepare: async () => null, call: routeCall(v1("reference"), "GET", () => "/api/v1/reference", () => ({})) },
  ],
];
