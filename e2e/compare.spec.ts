// Canary judged against production, end to end (issue 15): a lead adds a compare rule in the war
// room's rule editor (a bad field refused, named), a "monitoring script" pushes canary and production
// latencies over plain HTTP, and without a reload the rule row shows the comparison — medians, the
// difference against the allowance, U and p, FAIL — the header and the banner recommend the
// rollback, the bridge shows it compactly and the record keeps it. First, the live figures: a rule
// row and the header follow each evaluation's value (the metrics:rules broadcast), not only the
// state changes recorded on the timeline.
import path from "node:path";
import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { withE2eDatabase } from "./support/e2e-database";
import { createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./support/fixtures";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const CORA: TNewUser = { name: "Cora Compare", email: "cora@compare.test", password: "cora-password-123", role: "lead" };
const COMPARE_RULE = "p95 response time: canary higher than production by more than 10%";
const ESCALATION = "Error rate > 1% → Investigate immediately";

type TScreen = { context: BrowserContext; page: Page };
type TSample = { metric: string; value: number; timestamp: string; stage: "canary" | "production" };

async function signedIn(browser: Browser, user: TNewUser, viewport = { width: 1440, height: 900 }): Promise<TScreen> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, user.email, user.password);
  return { context, page };
}

async function push(request: APIRequestContext, runId: string, token: string, samples: TSample[]) {
  const response = await request.post(`/api/runs/${runId}/metrics`, { headers: { authorization: `Bearer ${token}` }, data: { samples } });
  expect(response.status(), await response.text()).toBe(200);
}

/** `values` one every 5 s, the newest a second ago. */
function series(metric: string, stage: TSample["stage"], values: readonly number[], now = Date.now()): TSample[] {
  return values.map((value, i) => ({ metric, stage, value, timestamp: new Date(now - 1000 - (values.length - 1 - i) * 5000).toISOString() }));
}

/** The seed's gating metrics, calm on the canary for the last two minutes, the error rate as given. */
function calmCanary(errorRate: number, now = Date.now()): TSample[] {
  const calm: [string, number][] = [["response_time_avg", 180], ["db_query_time", 40], ["memory", 55], ["db_connection_failures", 0]];
  return [...calm.flatMap(([metric, value]) => series(metric, "canary", Array(24).fill(value), now)), ...series("error_rate", "canary", Array(24).fill(errorRate), now)];
}

/** The same document throughout: a value that changes on screen changed live, not by a reload. */
const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
const isSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

test.describe.serial("canary vs production, judged live on the war room", () => {
  const screens: TScreen[] = [];
  let lead: Page;
  let runId = "";
  let token = "";

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await setupAdminIfNeeded(page);
    await createUserViaUi(page, CORA);
    screens.push({ context, page });
  });

  test.afterAll(async () => {
    for (const screen of screens) await screen.context.close();
  });

  test("a lead adds a compare rule to a template in the template editor; a bad field is named before saving", async ({ browser }) => {
    test.setTimeout(90_000);
    const screen = await signedIn(browser, CORA);
    screens.push(screen);
    const page = screen.page;
    await page.goto("/templates");
    const copy = page.getByRole("form", { name: "Copy a template" });
    await waitForHydration(copy.getByRole("button", { name: "Copy and edit" }));
    await copy.getByLabel("Name of the copy").fill("Canary-judged day");
    await copy.getByRole("button", { name: "Copy and edit" }).click();
    await page.waitForURL(/\/templates\/[^/]+\/edit$/);
    const save = page.getByRole("button", { name: "Save template" });
    await waitForHydration(save);

    const list = page.getByRole("list", { name: "Rollback triggers" });
    await page.getByRole("button", { name: "+ Add to rollback triggers" }).click();
    const rule = list.getByTestId("rule-editor").last();
    await rule.getByLabel("Label of rollback trigger 4").fill("p95 slower on canary than production");
    await rule.getByLabel("Kind").selectOption("compare");
    await rule.getByLabel("Metric").selectOption("response_time_p95");
    await rule.getByLabel("Allowed difference (%)").fill("-5");
    await save.click();
    const summary = page.getByTestId("problem-summary");
    await expect(summary).toContainText("Rollback triggers › rule 4 “p95 slower on canary than production”: the allowed difference must be 0 to 10000%");
    await rule.getByLabel("Allowed difference (%)").fill("10");
    await rule.getByLabel("Min samples per side").fill("20");
    await expect(rule.getByTestId("rule-judged-as")).toHaveText(
      "Judged as: p95 response time: canary higher than production by more than 10% over the last 5 min (Mann-Whitney U, p < 0.05, at least 20 samples per side)",
    );
    await save.click();
    await expect(page.getByTestId("save-state")).toHaveText("Saved · version 1");
    await page.reload();
    const reopened = page.getByRole("list", { name: "Rollback triggers" }).getByTestId("rule-editor").last();
    await expect(reopened.getByLabel("Kind")).toHaveValue("compare");
    await expect(reopened.getByLabel("Allowed difference (%)")).toHaveValue("10");
    await reopened.scrollIntoViewIfNeeded();
    await reopened.screenshot({ path: path.join(SCREENSHOTS, "compare-template-editor-rule.png") });
  });

  test("a lead adds a compare rule in the war room; a bad field is refused, naming it", async ({ browser }) => {
    test.setTimeout(60_000);
    const screen = await signedIn(browser, CORA);
    screens.push(screen);
    lead = screen.page;
    await lead.goto("/runs/new");
    const submit = lead.getByRole("button", { name: "Create run" });
    await waitForHydration(submit);
    await lead.getByLabel("Name", { exact: true }).fill("Search 5.2 canary (compared)");
    await lead.getByLabel("Service", { exact: true }).fill("search-api");
    await lead.getByLabel("Version", { exact: true }).fill("5.2.0");
    await lead.getByLabel("Planned start").fill("2026-12-05T09:00");
    await submit.click();
    await lead.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
    runId = new URL(lead.url()).pathname.split("/").pop()!;
    // The canary step, everything before it done (the checklist is other specs' business).
    await withE2eDatabase((db) => db.query(`UPDATE "Run" SET status = 'production', "startedAt" = now() - interval '2 hours', "rolloutPercent" = 10 WHERE id = $1`, [runId]));
    await lead.reload();

    const panel = lead.getByTestId("metrics-panel");
    await panel.getByText(/^Rules \(/).click();
    await waitForHydration(panel.getByRole("button", { name: "Add a rule" }));
    await panel.getByRole("button", { name: "Add a rule" }).click();
    const form = panel.getByRole("form", { name: "New rule" });
    await form.getByLabel("Kind").selectOption("compare");
    await form.getByLabel("Metric").selectOption("response_time_p95");
    await form.getByLabel("Severity").selectOption("rollback");
    await form.getByLabel("Allowed difference (%)").fill("20000");
    await form.getByLabel("Minimum samples per side").fill("20");
    await form.getByRole("button", { name: "Add rule" }).click();
    await expect(form.getByRole("alert")).toHaveText("⚠ compare.allowedDifferencePercent: allowedDifferencePercent must be at most 10000");
    await form.getByLabel("Allowed difference (%)").fill("10");
    await expect(form.getByLabel("Label", { exact: true })).toHaveValue(COMPARE_RULE);
    await form.screenshot({ path: path.join(SCREENSHOTS, "compare-war-room-rule-editor.png") });
    await form.getByRole("button", { name: "Add rule" }).click();
    await expect(form).toHaveCount(0);
    const row = panel.locator(`[data-testid="rule-state"][data-rule="${COMPARE_RULE}"]`);
    await expect(row).toHaveAttribute("data-state", "inconclusive");

    await panel.getByText(/^API tokens/).click();
    await waitForHydration(panel.getByRole("button", { name: "Create token" }));
    await panel.getByLabel("Token name").fill("e2e-compare");
    await panel.getByRole("button", { name: "Create token" }).click();
    token = (await panel.getByTestId("new-token").textContent())!.trim();
    expect(token).toMatch(/^wrm_/);
  });

  test("live figures: a rule row and the header follow each evaluation's value without a reload", async ({ request }) => {
    test.setTimeout(90_000);
    await expect(lead.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
    await markDocument(lead);
    await push(request, runId, token, calmCanary(1.6));
    const row = lead.locator(`[data-testid="rule-state"][data-rule="${ESCALATION}"]`);
    const header = lead.getByTestId("run-status-light-reason");
    // Rules are judged every 10 s: allow a couple of evaluations.
    await expect(row).toHaveAttribute("data-state", "firing", { timeout: 30_000 });
    await expect(row.getByTestId("rule-detail")).toContainText("1.6% on canary");
    await expect(header).toHaveText(`${ESCALATION}: 1.6% on canary`);

    // Still firing, so no state change reaches the timeline: only the live broadcast can move these.
    await push(request, runId, token, series("error_rate", "canary", [2.4]));
    await expect(row.getByTestId("rule-detail")).toContainText("2.4% on canary", { timeout: 30_000 });
    await expect(header).toHaveText(`${ESCALATION}: 2.4% on canary`);
    await expect(row).toHaveAttribute("data-state", "firing");
    expect(await isSameDocument(lead)).toBe(true);
  });

  test("a canary slower than production fails: the row shows medians, U and p; the banner, the header, the timeline", async ({ request }) => {
    test.setTimeout(90_000);
    const now = Date.now();
    // Canary ~212 ms, production ~180 ms: +17.8% against an allowance of 10%.
    const canary = Array.from({ length: 60 }, (_, i) => 202 + ((i * 8) % 21));
    const production = Array.from({ length: 60 }, (_, i) => 172 + ((i * 5) % 17));
    await push(request, runId, token, [...series("response_time_p95", "canary", canary, now), ...series("response_time_p95", "production", production, now), ...calmCanary(0.05, now)]);

    const row = lead.locator(`[data-testid="rule-state"][data-rule="${COMPARE_RULE}"]`);
    await expect(row).toHaveAttribute("data-state", "firing", { timeout: 30_000 });
    await expect(row).toHaveAttribute("data-compare", "fail");
    await expect(row.getByTestId("rule-detail")).toHaveText(/^canary median 212 ms vs production 180 ms \(\+17\.8%, allowed 10%\) · U=\d+ p=[\d.e-]+ → FAIL, 0:\d\d ago$/);
    await expect(lead.getByTestId("rollback-banner")).toContainText(COMPARE_RULE);
    await expect(lead.getByTestId("run-status-light")).toHaveAttribute("data-state", "rollback");
    await expect(lead.getByTestId("run-status-light-reason")).toContainText(`ROLLBACK RECOMMENDED: ${COMPARE_RULE} (canary median 212 ms vs production 180 ms (+17.8%, allowed 10%) · U=`);
    await expect(lead.getByTestId("timeline")).toContainText(`“${COMPARE_RULE}” firing (canary median 212 ms vs production 180 ms (+17.8%, allowed 10%) · U=`);
    expect(await isSameDocument(lead)).toBe(true);

    // The rule rows sit under the sticky header and banner: centred, so nothing covers them.
    await row.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await row.locator("xpath=../../..").screenshot({ path: path.join(SCREENSHOTS, "compare-war-room-rule-row.png") });
    await lead.screenshot({ path: path.join(SCREENSHOTS, "compare-war-room.png") });
  });

  test("the bridge shows the comparison compactly; the record keeps it", async ({ browser }) => {
    test.setTimeout(90_000);
    const bridge = await signedIn(browser, CORA, { width: 1920, height: 1080 });
    screens.push(bridge);
    await bridge.page.goto(`/runs/${runId}/bridge`);
    const line = bridge.page.getByTestId("bridge-comparison");
    await expect(line).toHaveAttribute("data-outcome", "fail");
    await expect(line).toContainText(COMPARE_RULE);
    await expect(line).toContainText(/FAIL\s*\+17\.8% \(allowed 10%\)\s*p=[\d.e-]+/);
    await expect(bridge.page.getByTestId("bridge-rollback-value")).toContainText("+17.8% (allowed 10%)");
    await bridge.page.screenshot({ path: path.join(SCREENSHOTS, "compare-bridge.png") });

    await lead.goto(`/runs/${runId}/record`);
    const record = lead.getByTestId("record-comparisons");
    await expect(record.getByTestId("record-comparison")).toContainText(`${COMPARE_RULE} — Firing`);
    await expect(record.getByTestId("record-comparison-latest")).toContainText(/canary median 212 ms vs production 180 ms \(\+17\.8%, allowed 10%\) · U=\d+ p=[\d.e-]+ → FAIL/);
  });
});
