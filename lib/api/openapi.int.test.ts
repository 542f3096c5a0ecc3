// The OpenAPI document against the running handlers: every app/api/v1 route and method is in the
// document (and nothing else is), and every operation's requests and answers — success and refusal —
// validate against the document's own schemas. A new route without a document entry fails here.
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { beforeAll, describe, expect, it } from "vitest";
import { apiV1Routes, callApi, type TApiAnswer } from "../../e2e/support/api-client";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { db } from "../db/client";
import { createWorkspaceKey } from "./keys";
import { buildOpenApiDocument } from "./openapi";
import { API_OPERATIONS, type TApiOperationName } from "./operations";
import { loadApiItems } from "./runs";
import { API_SCOPES } from "./scopes";

useTestDatabase("api_openapi");

const seedRunbook = readFileSync("prisma/seed/deployment-day-checklist.md", "utf8");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
type TDocument = { paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> };
const document = buildOpenApiDocument("http://localhost:3999") as TDocument;
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(document, "doc");

const pointer = (...parts: string[]) => "doc#/" + parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
function expectValid(ref: string, value: unknown) {
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  expect(validate(value), `${ref}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

/** The route's URL template in OpenAPI form: app/api/v1/runs/[id]/items → /api/v1/runs/{id}/items. */
const openApiPath = (template: string) => template.replace(/\[(\w+)\]/g, "{$1}");

describe("the OpenAPI document", () => {
  it("has an operation for every app/api/v1 route method, and none without a route", async () => {
    const served: string[] = [];
    for (const { file, template } of apiV1Routes()) {
      const module = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
      for (const method of HTTP_METHODS) if (typeof module[method] === "function") served.push(`${method} ${openApiPath(template)}`);
    }
    const documented = Object.entries(document.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(served.sort());
  });

  it("is OpenAPI 3.1 with its schemas resolvable", () => {
    expect(document).toMatchObject({ openapi: "3.1.0" });
    const text = JSON.stringify(document);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) expect(text).toContain(`"${name}":{`);
    // The reference page and the route serve this very document.
    expect(readFileSync("app/api/v1/openapi.json/route.ts", "utf8")).toContain("buildOpenApiDocument");
  });
});

describe("every operation conforms to the document", () => {
  let key: string;
  let runId: string;
  let plannedRunId: string;
  let lead: Awaited<ReturnType<typeof makeTeam>>["lead"];
  beforeAll(async () => {
    const team = await makeTeam();
    lead = team.lead;
    key = (await createWorkspaceKey(team.admin, { name: "conformance", scopes: [...API_SCOPES] })).token;
    runId = (await makeRun(team.lead)).id;
    plannedRunId = (await makeRun(team.lead)).id;
  });

  /** One valid and one invalid request per operation; an operation added without them fails. */
  const REQUESTS: Record<TApiOperationName, { valid: () => Promise<{ url: string; body?: unknown }>; invalid?: () => { url: string; body?: unknown } }> = {
    listRuns: { valid: async () => ({ url: "/api/v1/runs?limit=5" }), invalid: () => ({ url: "/api/v1/runs?limit=many" }) },
    createRun: {
      valid: async () => ({ url: "/api/v1/runs", body: { template: "Deployment Day", service: "midi-api", version: "9.2.0", window: { start: "2026-12-06T09:00:00Z", minutes: 90 } } }),
      invalid: () => ({ url: "/api/v1/runs", body: { template: "Deployment Day", service: "", version: "1" } }),
    },
    getRun: { valid: async () => ({ url: `/api/v1/runs/${runId}` }), invalid: () => ({ url: "/api/v1/runs/unknown" }) },
    itemAction: {
      valid: async () => ({ url: `/api/v1/runs/${runId}/items`, body: { item: (await loadApiItems(runId)).find((i) => !i.isRecurring)!.key, action: "tick" } }),
      invalid: () => ({ url: `/api/v1/runs/${runId}/items`, body: { item: "x", action: "fail" } }),
    },
    rollout: {
      valid: async () => {
        await db().run.update({ where: { id: runId }, data: { status: "production" } });
        return { url: `/api/v1/runs/${runId}/rollout`, body: {} };
      },
      invalid: () => ({ url: `/api/v1/runs/${runId}/rollout`, body: { fromPercent: 150 } }),
    },
    status: {
      valid: async () => ({ url: `/api/v1/runs/${plannedRunId}/status`, body: { to: "pre_deployment" } }),
      invalid: () => ({ url: `/api/v1/runs/${plannedRunId}/status`, body: {} }),
    },
    markFaulty: {
      valid: async () => {
        const completed = (await makeRun(lead)).id;
        await db().run.update({ where: { id: completed }, data: { status: "completed", endedAt: new Date() } });
        return { url: `/api/v1/runs/${completed}/faulty`, body: { reason: "Checkout errors an hour after release" } };
      },
      invalid: () => ({ url: `/api/v1/runs/${runId}/faulty`, body: { reason: "" } }),
    },
    announce: { valid: async () => ({ url: `/api/v1/runs/${runId}/announcements`, body: { template: "in_progress" } }), invalid: () => ({ url: `/api/v1/runs/${runId}/announcements`, body: { template: 7 } }) },
    previewAnnouncement: {
      valid: async () => ({ url: `/api/v1/runs/${runId}/announcements/preview`, body: { template: "pre_deployment", fields: { phoneNumber: "+1 555 0100" } } }),
      invalid: () => ({ url: `/api/v1/runs/${runId}/announcements/preview`, body: { template: "weekly" } }),
    },
    gate: { valid: async () => ({ url: `/api/v1/runs/${runId}/gate?stage=canary&step=10&wait=1s` }), invalid: () => ({ url: `/api/v1/runs/${runId}/gate?step=30` }) },
    listLocks: { valid: async () => ({ url: "/api/v1/locks" }) },
    takeLock: {
      valid: async () => ({ url: "/api/v1/locks", body: { service: "conformance-a", reason: "Incident 4411" } }),
      invalid: () => ({ url: "/api/v1/locks", body: { service: "conformance-a" } }),
    },
    releaseLock: {
      valid: async () => {
        await callApi("POST", "/api/v1/locks", { key, body: { service: "conformance-b", reason: "Database migration" } });
        return { url: "/api/v1/locks/conformance-b" };
      },
      invalid: () => ({ url: "/api/v1/locks/not-locked" }),
    },
    saveFreeze: {
      valid: async () => ({ url: "/api/v1/freezes", body: { kind: "weekly", service: null, reason: "No Friday deploys", weekdays: [5], start: "12:00", end: "23:59", timeZone: "Europe/Paris" } }),
      invalid: () => ({ url: "/api/v1/freezes", body: { kind: "weekly", reason: "Evenings", weekdays: [], start: "18:00", end: "08:00" } }),
    },
    removeFreeze: {
      valid: async () => {
        const saved = await callApi("POST", "/api/v1/freezes", { key, body: { kind: "range", service: "search", reason: "Black Friday", startsAt: "2026-11-27T00:00:00Z", endsAt: "2026-11-30T00:00:00Z" } });
        return { url: `/api/v1/freezes/${(saved.json as { freeze: { id: string } }).freeze.id}` };
      },
      invalid: () => ({ url: "/api/v1/freezes/unknown" }),
    },
    flaggerHook: {
      valid: async () => ({ url: "/api/v1/hooks/flagger?hook=event", body: { name: "podinfo", namespace: "test", phase: "Progressing", checksum: "abc", metadata: { runId, eventMessage: "Advance podinfo.test canary weight 10", eventType: "Normal" } } }),
      invalid: () => ({ url: "/api/v1/hooks/flagger?hook=event", body: { namespace: "test", phase: "Progressing", metadata: { runId } } }),
    },
    pushMetrics: {
      valid: async () => ({ url: `/api/v1/runs/${runId}/metrics`, body: { samples: [{ metric: "error_rate", value: 0.1, timestamp: new Date().toISOString() }] } }),
      invalid: () => ({ url: `/api/v1/runs/${runId}/metrics`, body: { metric: "error_rate", value: "high", timestamp: 1 } }),
    },
    previewTemplateImport: {
      valid: async () => ({ url: "/api/v1/templates/import/preview", body: { markdown: seedRunbook } }),
      invalid: () => ({ url: "/api/v1/templates/import/preview", body: { markdown: 7 } }),
    },
    importTemplate: {
      valid: async () => ({ url: "/api/v1/templates/import", body: { markdown: seedRunbook, name: "Conformance runbook" } }),
      invalid: () => ({ url: "/api/v1/templates/import", body: { name: "No runbook" } }),
    },
    exportTemplate: {
      valid: async () => ({ url: `/api/v1/templates/${(await db().template.findFirstOrThrow({ where: { isDefault: true } })).id}/export` }),
      invalid: () => ({ url: "/api/v1/templates/unknown/export" }),
    },
    openapi: { valid: async () => ({ url: "/api/v1/openapi.json" }) },
    reference: { valid: async () => ({ url: "/api/v1/reference" }) },
  };

  function expectAnswerDocumented(name: TApiOperationName, answer: TApiAnswer) {
    const { method, path: p } = API_OPERATIONS[name];
    const responses = document.paths[p][method.toLowerCase()].responses;
    expect(Object.keys(responses), `${name} answered ${answer.status}: ${answer.text.slice(0, 200)}`).toContain(String(answer.status));
    const contentType = (answer.headers.get("content-type") ?? "").split(";")[0];
    if (contentType === "application/json") expectValid(pointer("paths", p, method.toLowerCase(), "responses", String(answer.status), "content", "application/json", "schema"), answer.json);
    else expect(Object.keys((responses[String(answer.status)] as { content: Record<string, unknown> }).content)).toContain(contentType);
  }

  for (const name of Object.keys(API_OPERATIONS) as TApiOperationName[]) {
    it(`${name}: a valid request and its answer match the document; an invalid one is a documented error naming the field`, async () => {
      const { method, path: p, success } = API_OPERATIONS[name];
      const request = await REQUESTS[name].valid();
      if (request.body !== undefined) expectValid(pointer("paths", p, method.toLowerCase(), "requestBody", "content", "application/json", "schema"), request.body);
      const answer = await callApi(method, request.url, { key, body: request.body });
      expect(answer.status, answer.text.slice(0, 300)).toBe(success.status);
      expectAnswerDocumented(name, answer);
      const invalid = REQUESTS[name].invalid?.();
      if (!invalid) return;
      if (invalid.body !== undefined) {
        const validate = ajv.compile({ $ref: pointer("paths", p, method.toLowerCase(), "requestBody", "content", "application/json", "schema") });
        expect(validate(invalid.body), "the invalid request must be invalid by the document too").toBe(false);
      }
      const refused = await callApi(method, invalid.url, { key, body: invalid.body });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expectAnswerDocumented(name, refused);
    });
  }
});
