// The deployment record and the baseline on real PostgreSQL: a run completing through the status
// command captures its baseline from the stored samples; the next run of the same service is compared
// with it and knows the commit a rollback restores; the record exports every runbook field.
import { beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { loadCommsContext } from "../comms/context";
import { postAnnouncement } from "../comms/announcements";
import { settleDeliveries } from "../comms/deliveries";
import { db } from "../db/client";
import { compareWithBaseline } from "../domain/baseline";
import type { TRole } from "../domain/roles";
import { recordToMarkdown } from "../domain/record-markdown";
import { changeStatus } from "../runs/status-commands";
import { loadDeploymentRecord } from "./queries";

useTestDatabase("deployment_record");

let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
});

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** A run in its post-deployment hour with every item done and samples stored for the last 20 minutes. */
async function runInMonitoring(service: string, commit: string, errorRate: number, p95: number) {
  const run = await makeRun(team.lead, { name: `${service} ${commit}`, service, commit });
  await db().run.update({ where: { id: run.id }, data: { status: "monitoring", rolloutPercent: 100, startedAt: ago(300), version: 7 } });
  const times: [string, number, number | null][] = [["pre_deployment", 300, 245], ["staging", 245, 200], ["smoke_testing", 200, 160], ["production", 150, 125], ["validation", 125, 100], ["post_deployment", 100, null]];
  for (const [key, start, end] of times) {
    await db().runPhase.updateMany({ where: { runId: run.id, key }, data: { startedAt: ago(start), completedAt: end === null ? null : ago(end) } });
  }
  await db().runItem.updateMany({ where: { section: { phase: { runId: run.id } } }, data: { state: "done", changedById: team.lead.id, changedAt: ago(110) } });
  await db().timelineEvent.createMany({
    data: [10, 50, 100].map((percent, i) => ({ runId: run.id, seq: 100 + i, actorName: "Dora DevOps", type: "rollout.advanced", payload: { percent, label: `${percent}%`, checkpoint: "", checkpointStartedAt: null, version: 3 + i }, createdAt: ago(150 - i * 8) })),
  });
  await db().run.update({ where: { id: run.id }, data: { lastSeq: 102 } });
  const samples = [];
  for (let m = 20; m >= 0; m -= 1) {
    samples.push({ runId: run.id, metric: "error_rate", stage: "production" as const, at: ago(m), value: m > 15 ? 9 : errorRate });
    samples.push({ runId: run.id, metric: "response_time_p95", stage: "production" as const, at: ago(m), value: p95 });
    samples.push({ runId: run.id, metric: "db_connection_failures", stage: "production" as const, at: ago(m), value: 0 });
  }
  await db().metricSample.createMany({ data: samples });
  return run.id;
}

describe("completing a run", () => {
  it("captures its baseline in the status command, and the next run of the service is compared with it", async () => {
    const firstId = await runInMonitoring("checkout", "5da1c3e", 0.05, 300);
    await changeStatus(team.lead, { runId: firstId, to: "completed", version: 7 });
    const baseline = await db().runBaseline.findUniqueOrThrow({ where: { runId: firstId } });
    const metrics = baseline.metrics as Record<string, { value: number; samples: number; stage: string }>;
    // The 9% samples are older than the 15-minute window.
    expect(metrics.error_rate).toMatchObject({ samples: 15, stage: "production" });
    expect(metrics.error_rate.value).toBeCloseTo(0.05);
    expect(metrics.response_time_p95.value).toBe(300);
    expect(baseline.service).toBe("checkout");

    const secondId = await runInMonitoring("Checkout", "77aa0bb", 0.2, 450);
    const context = (await loadCommsContext(secondId, "viewer"))!;
    expect(context.previousCommit).toBe("5da1c3e");
    expect(context.baseline).toMatchObject({ runId: firstId, name: "checkout 5da1c3e" });
    expect(context.latestMetrics).toMatchObject({ error_rate: 0.2, response_time_p95: 450 });
    const rows = compareWithBaseline(context.latestMetrics, context.baseline!.metrics);
    expect(rows.find((r) => r.key === "response_time_p95")).toMatchObject({ baseline: 300, current: 450, direction: "up", verdict: "worse" });

    // A run of another service knows nothing of it.
    const other = await makeRun(team.lead, { service: "search" });
    expect(await loadCommsContext(other.id, "viewer")).toMatchObject({ previousCommit: null, baseline: null });
  });

  it("builds the record with every runbook field, and its Markdown export", async () => {
    const runId = await runInMonitoring("billing", "6eb59fa", 0.01, 280);
    await postAnnouncement(team.lead, { runId, templateKey: "complete", body: "🎉 DEPLOYMENT SUCCESSFUL 🎉" });
    await settleDeliveries();
    await changeStatus(team.lead, { runId, to: "completed", version: 7 });
    const record = (await loadDeploymentRecord(runId))!;
    expect(record.isFinished).toBe(true);
    const values = Object.fromEntries(record.fields.map((f) => [f.label, f.value]));
    expect(values).toMatchObject({
      "Deployed By": team.lead.name,
      "Git Commit": "6eb59fa",
      Status: "✅ SUCCESS",
      "Pre-deployment checks": "✅ All passed",
      "Staging tests": "✅ All passed",
      // No sample ever reached this run's rules: the record cannot call its stages successful.
      "Canary deployment": expect.stringMatching(/^Unverified — no data/),
      "Full rollout": expect.stringMatching(/^Unverified — no data/),
      "Post-deployment validation": "✅ All passed",
      "Error Rate": "0.01%",
      "P95 Response Time": "280ms",
      "Avg Response Time": "—",
      "Database Health": "✅ Good",
      "API Availability": "99.99%",
    });
    expect(values["Deployment Duration"]).toMatch(/^30\d minutes$/);
    expect(record.rollout.map((s) => s.byName)).toEqual(["Dora DevOps", "Dora DevOps", "Dora DevOps"]);
    const md = recordToMarkdown(record);
    for (const label of ["Deployment Date", "Deployment Time", "Deployed By", "Git Commit", "Deployment Duration", "Status", "Pre-deployment checks", "Staging tests", "Canary deployment", "Full rollout", "Post-deployment validation", "Metrics Baseline", "Error Rate", "Avg Response Time", "P95 Response Time", "Database Health", "API Availability"]) {
      expect(md).toContain(`${label}:`);
    }
    expect(md).toContain("🎉 DEPLOYMENT SUCCESSFUL 🎉");
    expect(await loadDeploymentRecord("no-such-run")).toBeNull();
  });
});
