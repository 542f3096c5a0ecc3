// Saving a rule whose source is a PromQL template: checked on the server against the data source it
// names (it must exist; the query must render with its stage label and parse), refused with a 4xx
// naming the field and nothing written; saved, it travels in the rule's event, where status links
// see only that it queries a data source. A removed data source leaves the rule unverified.
import { beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { makePrometheusSource } from "../../e2e/support/promql-run";
import type { TActor } from "../auth/users";
import { deleteDataSource } from "../datasources/commands";
import { db } from "../db/client";
import { toPublicEvent } from "../domain/public-projection";
import type { TRole } from "../domain/roles";
import type { AppError } from "../errors";
import { getRunSnapshot } from "../runs/queries";
import { evaluateRunNow } from "./monitor";
import { verdictOfRow } from "./rule-rows";
import { saveRule } from "./rules";

useTestDatabase("rule-source");

let team: Record<TRole, TActor>;
let dataSourceId: string;
beforeAll(async () => {
  team = await makeTeam();
  // Never queried here: saving checks the row, not the server.
  dataSourceId = (await makePrometheusSource(team.admin, "http://127.0.0.1:9")).id;
});

const QUERY = 'sum(rate(http_requests_total{service="{{service}}",{{stageLabel}},status=~"5.."}[{{window}}]))';
const base = (runId: string) => ({ runId, label: "5xx per second", metric: "error_rate", severity: "escalate", comparator: ">", threshold: 1, window: { kind: "immediate" } });

async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  const error = (await promise.then(() => null, (e: AppError) => e))!;
  expect(error, "the save should have been refused").not.toBeNull();
  return { status: error.status, message: error.message };
}

describe("a rule with a PromQL source", () => {
  it("is saved with its data source and query; the rule's event carries them, a status link only the kind", async () => {
    const run = await makeRun(team.lead);
    const { event } = await saveRule(team.lead, { ...base(run.id), source: { kind: "promql", dataSourceId, query: QUERY }, consecutiveErrorLimit: 6 });
    const row = await db().runMetricRule.findFirstOrThrow({ where: { runId: run.id, label: "5xx per second" } });
    expect(row).toMatchObject({ promql: QUERY, dataSourceId, consecutiveErrorLimit: 6 });
    expect(event.type === "metrics.rule_saved" && event.payload.rule).toMatchObject({ source: { kind: "promql", dataSourceId, query: QUERY }, consecutiveErrorLimit: 6 });
    const publicEvent = toPublicEvent(event);
    expect(publicEvent.type === "metrics.rule_saved" && publicEvent.payload.rule.source).toEqual({ kind: "promql", dataSourceId: null, query: "" });
    // The seed's rules stay on pushed samples: a data source is chosen per rule.
    const snapshot = (await getRunSnapshot(run.id))!;
    expect(snapshot.metrics.rules.filter((r) => r.source.kind === "push")).toHaveLength(snapshot.metrics.rules.length - 1);
  });

  it("is refused with a 4xx naming the field, and nothing is written", async () => {
    const run = await makeRun(team.lead);
    const before = (await db().run.findUniqueOrThrow({ where: { id: run.id } })).lastSeq;
    const save = (over: object) => saveRule(team.lead, { ...base(run.id), ...over });
    expect(await refusal(save({ source: { kind: "promql", dataSourceId, query: "sum(rate(http_requests_total[5m])" } }))).toEqual({
      status: 422,
      message: "source.query: PromQL syntax error: the query ends too early (line 1, column 34); is a bracket or operand missing?",
    });
    expect(await refusal(save({ source: { kind: "promql", dataSourceId, query: 'up{service={{service}}}' } }))).toMatchObject({
      status: 422,
      message: expect.stringMatching(/^source\.query: \{\{service\}\} at position 12 must be inside a "…" string/),
    });
    expect(await refusal(save({ source: { kind: "promql", dataSourceId: "no-such-source", query: QUERY } }))).toMatchObject({
      status: 422,
      message: expect.stringMatching(/^source\.dataSourceId: no data source with id “no-such-source”/),
    });
    expect(await refusal(save({ source: { kind: "promql", dataSourceId, query: "" } }))).toMatchObject({ status: 422, message: expect.stringContaining("source.query: write the PromQL query") });
    expect(await refusal(save({ source: { kind: "promql", dataSourceId, query: QUERY }, aggregation: "ratio", denominatorMetric: "error_rate" }))).toMatchObject({
      status: 422,
      message: expect.stringContaining("aggregation: ratio divides two pushed metrics"),
    });
    expect(await refusal(save({ consecutiveErrorLimit: 3 }))).toMatchObject({ status: 422, message: "consecutiveErrorLimit: consecutiveErrorLimit only applies to a PromQL source" });
    expect(await refusal(save({ source: { kind: "promql", dataSourceId, query: QUERY }, consecutiveErrorLimit: 0 }))).toMatchObject({ status: 422, message: expect.stringContaining("consecutiveErrorLimit: consecutiveErrorLimit must be at least 1") });
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).lastSeq).toBe(before);
    expect(await db().runMetricRule.count({ where: { runId: run.id, label: "5xx per second" } })).toBe(0);
  });

  it("keeps its query when its data source is removed, and says so", async () => {
    const run = await makeRun(team.lead);
    const doomed = await makePrometheusSource(team.admin, "http://127.0.0.1:9", "doomed");
    await saveRule(team.lead, { ...base(run.id), source: { kind: "promql", dataSourceId: doomed.id, query: QUERY } });
    await deleteDataSource(team.admin, doomed.id);
    const row = await db().runMetricRule.findFirstOrThrow({ where: { runId: run.id, label: "5xx per second" } });
    expect(row).toMatchObject({ promql: QUERY, dataSourceId: null });
    // At the canary step the monitor judges it: unverified, saying why, never ok.
    await db().run.update({ where: { id: run.id }, data: { status: "production", rolloutPercent: 10 } });
    await evaluateRunNow(run.id);
    const judged = await db().runMetricRule.findUniqueOrThrow({ where: { id: row.id } });
    expect(judged.state).toBe("inconclusive");
    expect(verdictOfRow(judged)?.inconclusive).toEqual({ kind: "provider_error", message: "its data source was removed: choose another in the rule editor" });
  });
});
