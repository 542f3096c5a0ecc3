// Communications, decision guides and the deployment record, end to end:
// 1. a run in its monitoring hour is completed from the war room: its baseline is captured and its
//    record (every field of the runbook's block) is shown, printed and exported as Markdown and JSON;
// 2. the next run of the same service is compared with that baseline; its in-progress update is
//    overdue, the lead posts it from the composer (copied to the clipboard too) and a webhook receiver
//    started by this test gets the exact Slack-compatible body;
// 3. in its canary a rollback rule fires from pushed metrics, the war room offers "Canary Metrics Red"
//    with the evidence, the lead walks it to ROLLBACK, the run rolls back and the rollback
//    announcement opens prefilled.
// Runs are put into their later phases in the e2e database (see support/comms-arrange.ts).
import path from "node:path";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { defaultTemplate } from "../prisma/seed/default-template";
import { arrange, arrangeMetrics, arrangeRollout, CORA, createCheckoutRunViaUi, openWarRoom, startReceiver } from "./support/comms-arrange";
import { createUserViaUi, setupAdminIfNeeded, signIn, waitForHydration } from "./support/fixtures";

/** A rollout stage in the record: successful with data, or unverified with how long it had none. */
const STAGE_VERDICT = /^(✅ Successful|Unverified — no data for \d+ min)$/;

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const FIRST_COMMIT = "5da1c3e";
const RECORD_LABELS = defaultTemplate.playbook.recordTemplate
  .split("\n")
  .map((line) => /^\s*(?:-\s+)?([^:]+):/.exec(line)?.[1].trim())
  .filter((label): label is string => !!label);

test.describe.serial("communications, decision guides and the deployment record", () => {
  let context: BrowserContext;
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let firstRunId = "";
  let secondRunId = "";

  test.beforeAll(async ({ browser }: { browser: Browser }) => {
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await setupAdminIfNeeded(admin);
    await createUserViaUi(admin, CORA);
    await adminContext.close();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, permissions: ["clipboard-read", "clipboard-write"] });
    page = await context.newPage();
    await signIn(page, CORA.email, CORA.password);
    receiver = await startReceiver();
  });

  test.afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (receiver ? receiver.server.close(() => resolve()) : resolve()));
  });

  test("completing a run captures its baseline; its record shows, prints and exports every runbook field", async () => {
    test.setTimeout(90_000);
    firstRunId = await createCheckoutRunViaUi(page, "Checkout 4.1", "4.1.0", FIRST_COMMIT);
    await arrange(firstRunId, "monitoring", 300, {
      pre_deployment: [300, 245],
      staging: [245, 200],
      smoke_testing: [200, 160],
      production: [152, 136],
      validation: [136, 100],
      post_deployment: [100, 0],
    }, 100);
    await arrangeRollout(firstRunId, [[10, "Canary", 150], [50, "Progressive 50%", 142], [100, "Full rollout", 138]]);
    await arrangeMetrics(firstRunId);
    await openWarRoom(page, firstRunId);
    await expect(page.getByTestId("run-status")).toHaveText("Monitoring");

    await page.getByRole("button", { name: "Move to Completed →" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("Completed");

    await page.getByRole("link", { name: "Deployment record" }).click();
    await page.waitForURL(`**/runs/${firstRunId}/record`);
    const record = page.getByTestId("deployment-record");
    await expect(record.getByTestId("record-outcome")).toHaveText("✅ SUCCESS");
    const field = (label: string) => record.locator(`[data-testid="record-block"] dd[data-field="${label}"]`);
    await expect(field("Deployed By")).toHaveText(CORA.name);
    await expect(field("Git Commit")).toHaveText(FIRST_COMMIT);
    await expect(field("Status")).toHaveText("✅ SUCCESS");
    // "✅ Successful" only with data for every gating rule; the arranged feed covers some metrics only.
    await expect(field("Canary deployment")).toHaveText(STAGE_VERDICT);
    await expect(field("Full rollout")).toHaveText(STAGE_VERDICT);
    await expect(field("Pre-deployment checks")).toHaveText("✅ All passed");
    await expect(field("Error Rate")).toHaveText("0.04%");
    await expect(field("P95 Response Time")).toHaveText("320ms");
    await expect(field("Database Health")).toHaveText("✅ Good");
    await expect(field("API Availability")).toHaveText("99.96%");
    await expect(field("Deployment Duration")).toHaveText(/^30\d minutes$/);
    await expect(record.getByTestId("record-rollout")).toContainText("Progressive 50%");
    await page.screenshot({ path: path.join(SCREENSHOTS, "record-report.png"), fullPage: true });
    await page.emulateMedia({ media: "print" });
    await expect(page.getByTestId("record-actions")).toBeHidden();
    await expect(page.getByTestId("current-user")).toBeHidden();
    await page.screenshot({ path: path.join(SCREENSHOTS, "record-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });

    // The Markdown download holds every field of the runbook's block, filled.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export Markdown" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^checkout-\d{4}-\d\d-\d\d-deployment-record\.md$/);
    const markdown = await (await page.request.get(`/api/runs/${firstRunId}/record?format=markdown`)).text();
    expect(RECORD_LABELS.length).toBe(17);
    for (const label of RECORD_LABELS) expect(markdown).toContain(`${label}:`);
    expect(markdown).toContain(`Deployed By: ${CORA.name}`);
    expect(markdown).toContain(`Git Commit: ${FIRST_COMMIT}`);
    expect(markdown).toContain("Status: ✅ SUCCESS");
    expect(markdown).toContain("- Error Rate: 0.04%");
    expect(markdown).toContain("- Avg Response Time: 180ms");
    expect(markdown).not.toMatch(/undefined|NaN|\[HH:MM UTC\]|\[Name\]|\[X/);
    const json = await (await page.request.get(`/api/runs/${firstRunId}/record?format=json`)).json();
    expect(json.fields.map((f: { label: string }) => f.label)).toEqual(RECORD_LABELS.filter((l) => l !== "Metrics Baseline"));
    expect(json.baseline.values.map((v: { key: string }) => v.key)).toContain("error_rate");
  });

  test("the next run of the service shows the baseline; its overdue update is posted from the composer, copied, and sent to the webhook", async () => {
    test.setTimeout(90_000);
    secondRunId = await createCheckoutRunViaUi(page, "Checkout 4.2", "4.2.0", "77aa0bb");
    await openWarRoom(page, secondRunId);
    const comms = page.getByTestId("comms-panel");
    const settings = comms.getByTestId("webhook-settings");
    await settings.getByText(/^Webhooks/).click();
    const form = settings.getByRole("form", { name: "Add a webhook" });
    await form.getByLabel("Name").fill("#checkout-deploys");
    await form.getByLabel("URL").fill(receiver.url);
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(settings.getByTestId("webhook")).toContainText("#checkout-deploys");
    await expect(settings.getByTestId("webhook")).toContainText("127.0.0.1");
    await expect(settings).not.toContainText("e2e-secret");

    await arrange(secondRunId, "staging", 31, { pre_deployment: [31, 12], staging: [12, null] });
    await openWarRoom(page, secondRunId);
    const due = comms.getByTestId("update-due");
    await expect(due).toHaveAttribute("data-state", "overdue");
    await expect(due).toContainText(/UPDATE OVERDUE by \d+:\d\d/);
    const baseline = page.getByTestId("baseline-comparison");
    await expect(baseline).toContainText("Checkout 4.1 (4.1.0)");
    await expect(baseline.locator('[data-metric="response_time_p95"]')).toContainText("320ms");

    await due.getByRole("button", { name: "Post update" }).click();
    const composer = page.getByTestId("comms-composer");
    await expect(composer.getByRole("tab", { name: "Deployment In Progress" })).toHaveAttribute("aria-selected", "true");
    const text = composer.getByTestId("composer-text");
    await expect(text).toHaveValue(/^✅ Pre-Deployment Complete - ON TRACK/);
    await expect(text).toHaveValue(/Current Phase: Staging Deployment\nProgress: \d+ of \d+ steps complete\nEstimated: \d+ minutes remaining/);
    await expect(text).toHaveValue(/Next Phase: Smoke Testing in ~3[34] minutes/);
    await expect(composer.getByTestId("composer-targets")).toContainText("#checkout-deploys");
    await page.screenshot({ path: path.join(SCREENSHOTS, "comms-composer.png") });

    // The lead edits the message by hand, copies it, then posts it.
    await text.press("Control+End");
    await text.pressSequentially("\nRollback drill done at 09:20 ✔");
    const posted = await text.inputValue();
    await composer.getByRole("button", { name: "Copy to clipboard" }).click();
    await expect(composer.getByRole("button", { name: "✓ Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(posted);
    await composer.getByRole("button", { name: "Post announcement" }).click();
    await expect(composer).toHaveCount(0);

    const announcement = comms.getByTestId("announcement").first();
    await expect(announcement).toContainText("Deployment In Progress");
    await expect(announcement.getByTestId("delivery")).toHaveAttribute("data-status", "delivered");
    await expect(announcement.getByTestId("delivery")).toContainText("#checkout-deploys delivered");
    expect(receiver.received).toEqual([{ contentType: "application/json", body: { text: posted } }]);
    await expect(due).toHaveAttribute("data-state", "upcoming");
    await expect(due).toContainText(/update due in (30:00|29:[0-5]\d)/);
    await expect(page.getByTestId("timeline")).toContainText(`${CORA.name} posted the announcement “Deployment In Progress” (sending to 1 webhook)`);
    await expect(page.getByTestId("timeline")).toContainText("“Deployment In Progress” delivered to #checkout-deploys (1 attempt)");
    await comms.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, "comms-panel.png") });
  });

  test("a rollback rule firing in the canary offers Canary Metrics Red; walking it to ROLLBACK rolls back with the announcement prefilled", async ({ request }) => {
    test.setTimeout(150_000);
    await arrange(secondRunId, "production", 160, { pre_deployment: [160, 105], staging: [105, 60], smoke_testing: [60, 20], production: [8, null] }, 10);
    await arrangeRollout(secondRunId, [[10, "Canary", 7]]);
    await openWarRoom(page, secondRunId);
    await expect(page.getByTestId("run-status")).toHaveText("Production rollout");

    // A monitoring script with the run's token pushes a canary whose error rate has been red for 6 minutes.
    const panel = page.getByTestId("metrics-panel");
    await panel.getByText(/^API tokens/).click();
    await waitForHydration(panel.getByRole("button", { name: "Create token" }));
    await panel.getByLabel("Token name").fill("e2e-comms");
    await panel.getByRole("button", { name: "Create token" }).click();
    const token = (await panel.getByTestId("new-token").textContent())!.trim();
    const now = Date.now();
    const samples = [];
    for (let ago = 9 * 60; ago >= 0; ago -= 15) {
      const timestamp = new Date(now - ago * 1000).toISOString();
      samples.push({ metric: "error_rate", stage: "canary", timestamp, value: ago <= 6.5 * 60 ? 7.5 : 0.2 });
      samples.push({ metric: "error_rate", stage: "production", timestamp, value: 0.05 });
    }
    const pushed = await request.post(`/api/runs/${secondRunId}/metrics`, { headers: { authorization: `Bearer ${token}` }, data: { samples } });
    expect(pushed.status()).toBe(200);

    const offer = page.getByTestId("decision-offer");
    // Rules are judged every 10 s (their interval), not on each push: allow a couple of evaluations.
    await expect(offer).toHaveAttribute("data-tree", "canary_red", { timeout: 90_000 });
    await expect(offer).toContainText("Canary Metrics Red");
    await expect(offer.getByTestId("decision-evidence")).toContainText("Rollback rule firing: Error rate > 5% sustained (5 minutes) (7.5% on canary) at 10% rollout");
    await offer.getByRole("button", { name: "Walk the guide" }).click();

    const walk = page.getByTestId("decision-walk");
    await expect(walk.getByTestId("decision-evidence")).toContainText("7.5% on canary");
    await expect(walk.getByRole("group", { name: "Where are the errors?" })).toBeVisible();
    await walk.getByRole("button", { name: "Widespread" }).click();
    await walk.getByRole("button", { name: "ROLLBACK immediately" }).click();
    await expect(walk.getByTestId("decision-trail")).toHaveText("Where are the errors? → Widespread → ROLLBACK immediately");
    await expect(walk.getByTestId("decision-effect")).toHaveText("Moves the run to Rolled back.");
    await page.screenshot({ path: path.join(SCREENSHOTS, "decision-guide.png") });
    await walk.getByRole("button", { name: "Roll back…" }).click();
    await page.getByTestId("roll-back-dialog").getByRole("button", { name: "Roll back", exact: true }).click();

    await expect(page.getByTestId("run-status")).toHaveText("Rolled back");
    const composer = page.getByTestId("comms-composer");
    await expect(composer.getByRole("tab", { name: "Rollback" })).toHaveAttribute("aria-selected", "true");
    await expect(composer.getByTestId("composer-reason")).toContainText("The run is rolling back (Canary Metrics Red)");
    const text = composer.getByTestId("composer-text");
    await expect(text).toHaveValue(/^🚨 ROLLBACK IN PROGRESS\n\nIssue Detected: Rollback rule firing: Error rate > 5% sustained \(5 minutes\) \(7\.5% on canary\) at 10% rollout\n/);
    await expect(text).toHaveValue(/Impact: 10% of production traffic on 4\.2\.0/);
    await expect(text).toHaveValue(/Status: ROLLING BACK\nRestored Version: 5da1c3e/);
    await expect(text).toHaveValue(/Duration: Expected — minutes/);
    await composer.getByLabel("Expected rollback minutes").fill("10");
    await expect(text).toHaveValue(/Duration: Expected 10 minutes/);
    await page.screenshot({ path: path.join(SCREENSHOTS, "comms-rollback-prefilled.png") });
    await composer.getByRole("button", { name: "Post announcement" }).click();
    await expect(composer).toHaveCount(0);

    const timeline = page.getByTestId("timeline");
    await expect(timeline).toContainText(`${CORA.name} chose “Widespread” in “Canary Metrics Red”`);
    await expect(timeline).toContainText(`${CORA.name} decided “ROLLBACK immediately” in “Canary Metrics Red”`);
    await expect(timeline).toContainText(`${CORA.name} applied ROLL BACK from “Canary Metrics Red”: Moved the run to Rolled back`);
    await expect(timeline).toContainText(`${CORA.name} rolled the run back (Decided with the “Canary Metrics Red” decision guide)`);
    await expect(page.getByTestId("comms-panel").getByTestId("announcement").first()).toHaveAttribute("data-template", "rollback");
    await expect.poll(() => receiver.received.length).toBe(2);
    expect((receiver.received[1].body as { text: string }).text).toMatch(/^🚨 ROLLBACK IN PROGRESS\n\nIssue Detected: Rollback rule firing/);

    // The rolled-back run's record tells the story.
    const markdown = await (await page.request.get(`/api/runs/${secondRunId}/record?format=markdown`)).text();
    expect(markdown).toContain("Status: ⟲ ROLLED BACK");
    expect(markdown).toContain("Canary deployment: ❌ Rolled back at 10%");
    expect(markdown).toContain("Path: Where are the errors? → Widespread → ROLLBACK immediately");
    await page.goto(`/runs/${secondRunId}/record`);
    await expect(page.getByTestId("record-outcome")).toHaveText("⟲ ROLLED BACK");
    await expect(page.getByTestId("record-decisions")).toContainText("Decision guide: Canary Metrics Red");
    await expect(page.getByTestId("record-announcements")).toContainText("🚨 ROLLBACK IN PROGRESS");
    await page.screenshot({ path: path.join(SCREENSHOTS, "record-rolled-back.png"), fullPage: true });
  });
});
