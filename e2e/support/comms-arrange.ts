// The comms spec's arranging: runs put into later phases in the e2e database (walking there takes
// the rollout's checkpoint minutes), rollout steps and healthy samples written as the app would, a
// webhook receiver, and the UI steps it repeats.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page } from "@playwright/test";
import { withE2eDatabase } from "./e2e-database";
import { type TNewUser, waitForHydration } from "./fixtures";

export const CORA: TNewUser = { name: "Cora Comms", email: "cora@comms.test", password: "cora-password-123", role: "lead" };
const SERVICE = "checkout";

type TPhaseTimes = Record<string, [number, number | null]>;

/** Puts a run in `status`, started `startedMinutesAgo`, with the phases' clocks and every item of the finished phases done. */
export async function arrange(runId: string, status: string, startedMinutesAgo: number, phases: TPhaseTimes, rolloutPercent = 0) {
  await withE2eDatabase(async (client) => {
    await client.query(`UPDATE "Run" SET status = $2, "startedAt" = now() - make_interval(mins => $3), "rolloutPercent" = $4, "checkpointStartedAt" = CASE WHEN $4 > 0 THEN now() - interval '1 minute' ELSE NULL END WHERE id = $1`, [
      runId,
      status,
      startedMinutesAgo,
      rolloutPercent,
    ]);
    for (const [key, [start, end]] of Object.entries(phases)) {
      await client.query(
        `UPDATE "RunPhase" SET "startedAt" = now() - make_interval(mins => $3), "completedAt" = CASE WHEN $4::int IS NULL THEN NULL ELSE now() - make_interval(mins => $4::int) END WHERE "runId" = $1 AND key = $2`,
        [runId, key, start, end],
      );
      if (end !== null) {
        await client.query(
          `UPDATE "RunItem" SET state = 'done', "changedAt" = now() - make_interval(mins => $3) WHERE "sectionId" IN (SELECT s.id FROM "RunSection" s JOIN "RunPhase" p ON p.id = s."phaseId" WHERE p."runId" = $1 AND p.key = $2)`,
          [runId, key, end],
        );
      }
    }
  });
}

/** Rollout steps on the timeline, as the stepper writes them: [percent, label, minutes ago]. */
export async function arrangeRollout(runId: string, steps: [number, string, number][]) {
  await withE2eDatabase(async (client) => {
    const { rows } = await client.query(`SELECT "lastSeq" FROM "Run" WHERE id = $1`, [runId]);
    const seq = Number(rows[0].lastSeq);
    for (const [i, [percent, label, ago]] of steps.entries()) {
      await client.query(
        `INSERT INTO "TimelineEvent" (id, "runId", seq, "actorName", type, payload, "createdAt") VALUES ($1, $2, $3, $4, 'rollout.advanced', $5, now() - make_interval(mins => $6))`,
        [`e2e-rollout-${runId}-${percent}`, runId, seq + i + 1, CORA.name, JSON.stringify({ percent, label, checkpoint: "", checkpointStartedAt: null, version: i + 1 }), ago],
      );
    }
    await client.query(`UPDATE "Run" SET "lastSeq" = $2 WHERE id = $1`, [runId, seq + steps.length]);
  });
}

/** Healthy production samples for the last 20 minutes. */
export async function arrangeMetrics(runId: string) {
  await withE2eDatabase(async (client) => {
    for (const [metric, value] of [["error_rate", 0.04], ["response_time_avg", 180], ["response_time_p95", 320], ["db_connection_failures", 0], ["db_query_time", 45]] as const) {
      await client.query(
        `INSERT INTO "MetricSample" ("runId", metric, stage, at, value) SELECT $1, $2, 'production', now() - make_interval(mins => g), $3 FROM generate_series(0, 20) g`,
        [runId, metric, value],
      );
    }
  });
}

type TReceived = { contentType: string | undefined; body: unknown };

export async function startReceiver(): Promise<{ url: string; received: TReceived[]; server: Server }> {
  const received: TReceived[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ contentType: req.headers["content-type"], body: JSON.parse(body) });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T0/B0/e2e-secret`, received, server };
}

export async function createCheckoutRunViaUi(page: Page, name: string, version: string, commit: string): Promise<string> {
  await page.goto("/runs/new");
  const submit = page.getByRole("button", { name: "Create run" });
  await waitForHydration(submit);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Service", { exact: true }).fill(SERVICE);
  await page.getByLabel("Version", { exact: true }).fill(version);
  await page.getByLabel("Commit").fill(commit);
  await page.getByLabel("Planned start").fill("2026-12-03T09:00");
  await page.getByLabel("Deployment Lead").selectOption({ label: `${CORA.name} · Lead` });
  await submit.click();
  await page.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
  return new URL(page.url()).pathname.split("/").pop()!;
}

export async function openWarRoom(page: Page, runId: string) {
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
  await waitForHydration(page.getByTestId("comms-panel").getByRole("heading", { name: "Communications" }));
}
