// The Prometheus client against a real Prometheus (Debian's package) scraping an exporter this test
// steers: values arrive through Prometheus as the exporter set them, and each way a query fails
// (no data, several series, a bad query, Prometheus gone) comes back as the typed result a rule uses.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isPrometheusMissing, startPrometheus, type TPrometheusServer } from "../../../e2e/support/prometheus";
import { EXPORTER_STAGE_LABEL, startSteeredExporter, type TSteeredExporter } from "../../../e2e/support/steered-exporter";
import type { TMetricStage } from "../../domain/metric-catalog";
import { defaultPromql } from "../../domain/promql-defaults";
import { renderPromqlTemplate } from "../../domain/promql-template";
import { instantQuery, queryStageSeries, queryStageValue, type TPrometheusTarget } from "./client";

vi.mock("server-only", () => ({}));

const SERVICE = 'check"out';
/** Long enough to hold a few 1 s scrapes, short enough that a change shows within seconds. */
const WINDOW_MS = 4000;
const POLL = { timeout: 20_000, interval: 250 };

function query(metric: string, stage: TMetricStage): string {
  const template = defaultPromql(metric)?.query ?? "";
  const rendered = renderPromqlTemplate(template, { service: SERVICE, version: "1.0.0", stage, windowMs: WINDOW_MS }, EXPORTER_STAGE_LABEL);
  if (!rendered.ok) throw new Error(rendered.message);
  return rendered.query;
}

/** The stage's current value, or a description of why there is none (for expect.poll). */
async function valueOf(target: TPrometheusTarget, promql: string): Promise<number | string> {
  const result = await queryStageValue(target, promql);
  if (!result.ok) return `${result.kind}: ${result.message}`;
  return result.data.kind === "value" ? Math.round(result.data.value * 1000) / 1000 : `no_data: ${result.data.reason}`;
}

describe.skipIf(isPrometheusMissing)("Prometheus client against a real Prometheus", () => {
  let exporter: TSteeredExporter;
  let prometheus: TPrometheusServer;
  let target: TPrometheusTarget;

  beforeAll(async () => {
    exporter = await startSteeredExporter(SERVICE);
    prometheus = await startPrometheus([exporter.address]);
    target = { url: prometheus.url, auth: { kind: "none" }, headers: [], timeoutMs: 5000 };
  });
  afterAll(async () => {
    await exporter?.stop();
    await prometheus?.stop();
  });

  it("reads the steered error rate per stage through the default template (instant query)", async () => {
    exporter.steer("canary", { errorPercent: 8 });
    exporter.steer("production", { errorPercent: 1 });
    await expect.poll(() => valueOf(target, query("error_rate", "canary")), POLL).toBe(8);
    await expect.poll(() => valueOf(target, query("error_rate", "production")), POLL).toBe(1);
  });

  it("follows a change: the canary's error rate rises to 12%", async () => {
    exporter.steer("canary", { errorPercent: 12 });
    await expect.poll(() => valueOf(target, query("error_rate", "canary")), POLL).toBe(12);
  });

  it("reads average and p95 response times in milliseconds", async () => {
    exporter.steer("canary", { latencySeconds: 0.2 });
    await expect.poll(() => valueOf(target, query("response_time_avg", "canary")), POLL).toBe(200);
    // All observations fall in the (0.1, 0.25] bucket: histogram_quantile interpolates inside it.
    const p95 = await valueOf(target, query("response_time_p95", "canary"));
    expect(p95).toBeGreaterThan(100);
    expect(p95).toBeLessThanOrEqual(250);
  });

  it("back-fills a chart with a range query: one series of timestamped values", async () => {
    const end = new Date();
    const result = await queryStageSeries(target, query("error_rate", "canary"), { start: new Date(end.getTime() - 10_000), end, stepMs: 1000 });
    if (!result.ok) throw new Error(result.message);
    expect(result.data.length).toBeGreaterThanOrEqual(3);
    expect(result.data.at(-1)?.value).toBeCloseTo(12, 6);
    const times = result.data.map((s) => s.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[1] - times[0]).toBe(1000);
  });

  it("returns a raw instant vector with its labels", async () => {
    const result = await instantQuery(target, `http_requests_total{track="stable",status="500"}`);
    if (!result.ok) throw new Error(result.message);
    expect(result.data.resultType).toBe("vector");
    if (result.data.resultType !== "vector") return;
    expect(result.data.result[0].metric).toMatchObject({ __name__: "http_requests_total", service: SERVICE, track: "stable" });
  });

  it("refuses several series for one stage, naming them and asking for an aggregation", async () => {
    const result = await queryStageValue(target, "http_requests_total");
    expect(result).toMatchObject({ ok: false, kind: "bad_result", message: expect.stringMatching(/returned 4 series .*track="canary".* aggregate in the query, e.g. sum/) });
  });

  it("reads a scalar, and 0/0 as no data rather than a value", async () => {
    expect(await valueOf(target, "scalar(vector(42))")).toBe(42);
    expect(await valueOf(target, "vector(0) / vector(0)")).toMatch(/^no_data: The query returned NaN/);
    expect(await valueOf(target, "vector(1) / vector(0)")).toMatch(/^no_data: The query returned \+Inf/);
  });

  it("passes on Prometheus's own error text for a bad query", async () => {
    const result = await queryStageValue(target, "sum(rate(http_requests_total[5m])");
    expect(result).toMatchObject({ ok: false, kind: "prometheus", status: 400, errorType: "bad_data", message: expect.stringContaining("parse error") });
  });

  it("times out against a server that never answers", async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const result = await queryStageValue({ ...target, url: `http://127.0.0.1:${port}`, timeoutMs: 1000 }, "vector(1)");
      expect(result).toEqual({ ok: false, kind: "timeout", message: `No answer from 127.0.0.1:${port} within 1 s` });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("gives no data once the exporter stops", async () => {
    await exporter.stop();
    await expect.poll(() => valueOf(target, query("error_rate", "canary")), POLL).toMatch(/^no_data: The query returned no series/);
  });

  it("gives a network error once Prometheus stops", async () => {
    await prometheus.stop();
    expect(await queryStageValue(target, "vector(1)")).toEqual({
      ok: false,
      kind: "network",
      message: `Connection refused by 127.0.0.1:${prometheus.port}: nothing is listening there`,
    });
  });
});
