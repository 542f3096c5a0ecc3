// Checklist items tied to their metric, and charts that fit their data, in a real browser:
// - at the canary step with no sample yet, ticking "Canary metrics green (5 minutes)" shows why it is
//   not verified, inline, and needs a reason before anything is sent;
// - once a healthy feed arrives the same item (reopened) ticks itself, "Warroom (metrics)", with evidence;
// - the error-rate chart of a 0.05% canary fits the data and shows the 1% and 5% thresholds as edge markers;
// - a p95 fed in seconds gets a unit warning beside its chart.
// The run's clock is arranged in the database (canary step, checkpoint started 6 minutes ago): walking
// a real run there takes the go/no-go and the rollout, which other specs cover.
import path from "node:path";
import { type APIRequestContext, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { withE2eDatabase } from "./support/e2e-database";
import { createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./support/fixtures";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const TIA: TNewUser = { name: "Tia Ties", email: "tia@ties.test", password: "tia-password-123", role: "lead" };
const CANARY_ITEM = "Canary metrics green (5 minutes)";

async function atCanaryStep(runId: string) {
  await withE2eDatabase(async (client) => {
    await client.query(
      `UPDATE "Run" SET status = 'production', "rolloutPercent" = 10, "checkpointStartedAt" = now() - interval '6 minutes', "startedAt" = now() - interval '2 hours' WHERE id = $1`,
      [runId],
    );
    await client.query(`UPDATE "RunPhase" SET "startedAt" = now() - interval '7 minutes' WHERE "runId" = $1 AND key = 'production'`, [runId]);
  });
}

/** Every gating metric healthy on the canary, every 15 s over the last 6 minutes; the error rate wiggles around 0.05%. */
function healthyCanary(now: number) {
  const samples: { metric: string; value: number; timestamp: string; stage: string; unit?: string }[] = [];
  for (let ago = 6 * 60; ago >= 0; ago -= 15) {
    const timestamp = new Date(now - ago * 1000).toISOString();
    const wiggle = Math.sin(ago / 40);
    samples.push({ metric: "error_rate", stage: "canary", timestamp, value: 0.05 + 0.012 * wiggle });
    samples.push({ metric: "response_time_avg", stage: "canary", timestamp, value: 180 + 25 * wiggle });
    // Sent in seconds, with the unit: stored as 420 ms.
    samples.push({ metric: "response_time_p95", stage: "canary", timestamp, value: 0.42, unit: "s" });
    samples.push({ metric: "db_query_time", stage: "canary", timestamp, value: 35 });
    samples.push({ metric: "memory", stage: "canary", timestamp, value: 52 });
    samples.push({ metric: "db_connection_failures", stage: "canary", timestamp, value: 0 });
  }
  return samples;
}

const push = (request: APIRequestContext, runId: string, token: string, body: unknown) =>
  request.post(`/api/runs/${runId}/metrics`, { headers: { authorization: `Bearer ${token}` }, data: body });

test.describe.serial("checklist items tied to their metric; charts that fit their data", () => {

  let contexts: BrowserContext[] = [];
  let lead: Page;
  let runId = "";
  let token = "";
  const item = () => lead.locator('[data-testid="checklist-item"]').filter({ hasText: CANARY_ITEM });

  test.beforeAll(async ({ browser }) => {
    // Setup, a user, a run and a token through the UI: on a shared, loaded machine this can pass 30 s.
    test.setTimeout(120_000);
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await setupAdminIfNeeded(admin);
    await createUserViaUi(admin, TIA);
    const leadContext = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    contexts = [adminContext, leadContext];
    lead = await leadContext.newPage();
    await signIn(lead, TIA.email, TIA.password);
    await lead.goto("/runs/new");
    const submit = lead.getByRole("button", { name: "Create run" });
    await waitForHydration(submit);
    await lead.getByLabel("Name", { exact: true }).fill("Search 3.1 canary");
    await lead.getByLabel("Service", { exact: true }).fill("search-api");
    await lead.getByLabel("Version", { exact: true }).fill("3.1.0");
    await lead.getByLabel("Planned start").fill("2026-12-05T09:00");
    await submit.click();
    await lead.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
    runId = new URL(lead.url()).pathname.split("/").pop()!;
    const panel = lead.getByTestId("metrics-panel");
    await panel.getByText(/^API tokens/).click();
    await waitForHydration(panel.getByRole("button", { name: "Create token" }));
    await panel.getByLabel("Token name").fill("e2e-ties");
    await panel.getByRole("button", { name: "Create token" }).click();
    token = (await panel.getByTestId("new-token").textContent())!.trim();
    await atCanaryStep(runId);
    await lead.reload();
  });

  test.afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  test("with no sample yet, ticking the canary checkpoint item shows why, inline, and needs a reason", async () => {
    await expect(item().getByTestId("item-link")).toHaveAttribute("data-verdict", "inconclusive");
    await expect(item().getByTestId("item-link")).toContainText("has no data — is the monitoring feed running?");
    await waitForHydration(item().getByRole("button", { name: `Mark “${CANARY_ITEM}” done` }));
    await item().getByRole("button", { name: `Mark “${CANARY_ITEM}” done` }).click();
    const warning = item().getByTestId("item-override-warning");
    await expect(warning).toContainText("Not verified by the metrics");
    await expect(warning).toContainText("has no data");
    // Nothing was sent: the item is still open, and "Tick anyway" waits for a reason.
    await expect(item()).toHaveAttribute("data-state", "open");
    const confirm = item().getByRole("button", { name: "Tick anyway" });
    await expect(confirm).toBeDisabled();
    await item().getByLabel("Why tick it anyway").fill("Feed not wired yet; canary checked in Grafana");
    await item().scrollIntoViewIfNeeded();
    await lead.screenshot({ path: path.join(SCREENSHOTS, "ties-override-warning.png"), clip: (await item().boundingBox())! });
    await confirm.click();
    await expect(item()).toHaveAttribute("data-state", "done");
    await expect(item().getByTestId("item-status")).toContainText(`Done by ${TIA.name}`);
    await expect(item().getByTestId("item-status")).toContainText("by hand while inconclusive");
    await expect(item().getByTestId("item-status")).toContainText("Feed not wired yet");
    await expect(lead.getByTestId("timeline")).toContainText(`${TIA.name} ticked “${CANARY_ITEM}” while inconclusive`);
  });

  test("reopened, it ticks itself once a healthy feed arrives, naming the evidence", async ({ request }) => {
    await item().getByRole("button", { name: `Undo “${CANARY_ITEM}”` }).click();
    await expect(item()).toHaveAttribute("data-state", "open");
    const samples = healthyCanary(Date.now());
    const response = await push(request, runId, token, { samples });
    expect(await response.json()).toEqual({ accepted: samples.length, duplicates: 0 });
    await expect(item()).toHaveAttribute("data-state", "done", { timeout: 20_000 });
    await expect(item().getByTestId("item-status")).toContainText("Done by Warroom (metrics)");
    await expect(item().getByTestId("item-status")).toContainText(/on canary over 6 min: error_rate 0\.0\d% \(\d+ samples\)/);
    await expect(item().getByTestId("item-link")).toHaveAttribute("data-verdict", "passed");
    await item().scrollIntoViewIfNeeded();
    await lead.screenshot({ path: path.join(SCREENSHOTS, "ties-auto-ticked.png"), clip: (await item().boundingBox())! });
  });

  test("the error-rate chart fits a 0.05% canary; the 1% and 5% thresholds are edge markers with their values", async () => {
    // The war room's charts are on demand (one line per rule is the summary).
    await lead.getByRole("button", { name: /^Show charts/ }).click();
    const chart = lead.locator('[data-testid="metric-chart"][data-metric="error_rate"]');
    await chart.scrollIntoViewIfNeeded();
    const markers = chart.getByTestId("threshold-edge-marker");
    await expect(markers).toHaveAttribute("data-edge", "above");
    await expect(markers).toContainText("▲ 5% rollback threshold");
    await expect(markers).toContainText("▲ 1% investigate threshold");
    expect(Number(await chart.getAttribute("data-y-max"))).toBeLessThanOrEqual(0.1);
    // No threshold line is drawn inside the plot: the data, not the thresholds, sets the scale.
    await expect(chart.locator(".recharts-reference-line line")).toHaveCount(0);
    const ticks = chart.locator(".recharts-cartesian-axis-tick-value");
    await expect(ticks.filter({ hasText: /^0\.08%$/ })).toHaveCount(1);
    await expect(ticks.filter({ hasText: /^(1|5)%$/ })).toHaveCount(0);
    await lead.screenshot({ path: path.join(SCREENSHOTS, "ties-chart-edge-marker.png"), clip: (await chart.locator("xpath=..").boundingBox())! });
  });

  test("a p95 fed in seconds without its unit gets a warning beside its chart", async ({ request }) => {
    const now = Date.now();
    const samples = Array.from({ length: 12 }, (_, i) => ({
      metric: "response_time_p95",
      stage: "production",
      timestamp: new Date(now - (i + 1) * 10_000).toISOString(),
      value: 0.3 + i / 100,
    }));
    expect((await push(request, runId, token, { samples })).status()).toBe(200);
    const figure = lead.locator("figure").filter({ has: lead.locator('[data-testid="metric-chart"][data-metric="response_time_p95"]') });
    const warning = figure.getByTestId("unit-warning");
    await expect(warning).toHaveAttribute("data-stage", "production");
    await expect(warning).toContainText("response_time_p95 on production never exceeds 1 ms");
    await expect(warning).toContainText('Send unit "s"');
    await figure.scrollIntoViewIfNeeded();
    await lead.screenshot({ path: path.join(SCREENSHOTS, "ties-unit-warning.png"), clip: (await figure.boundingBox())! });
  });

  test("in a copy of the runbook, the editor shows each item's tie and lets a lead choose one", async () => {
    await lead.goto("/templates");
    const form = lead.getByRole("form", { name: "Copy a template" });
    const submit = form.getByRole("button", { name: "Copy and edit" });
    await waitForHydration(submit);
    await form.getByLabel("Name of the copy").fill("Tied items drill runbook");
    await submit.click();
    await lead.waitForURL(/\/templates\/[^/]+\/edit$/);
    // The editor opens with its phases folded.
    const openPhases = async () => {
      for (const phase of [/^4\. Production Deployment/, /^5\. Production Validation/]) await lead.getByRole("button", { name: phase, expanded: false }).click();
    };
    await openPhases();
    const canary = lead.getByLabel(`What item 2 “${CANARY_ITEM}” is tied to`);
    await expect(canary).toHaveValue("checkpoint:10");
    const automated = lead.getByLabel("What item 1 “Automated checks pass” is tied to");
    await expect(automated).toHaveValue("");
    await automated.selectOption({ label: "Error rate < 0.1%" });
    await lead.getByRole("button", { name: "Save template" }).click();
    await expect(lead.getByTestId("template-editor").getByRole("status")).toHaveText("Saved. New runs use this version; runs already created keep their own copy.");
    await lead.reload();
    await openPhases();
    await expect(lead.getByLabel("What item 1 “Automated checks pass” is tied to")).toHaveValue("rule:Error rate < 0.1%");
    const section = lead.getByTestId("section-editor").filter({ has: lead.getByLabel(`What item 2 “${CANARY_ITEM}” is tied to`) });
    await section.scrollIntoViewIfNeeded();
    await lead.screenshot({ path: path.join(SCREENSHOTS, "ties-template-editor.png"), clip: (await section.boundingBox())! });
  });
});
