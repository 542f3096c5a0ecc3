// Metrics end to end: a lead creates an API token in the war room, a "monitoring script" (plain HTTP,
// no cookie) pushes a healthy canary and then an error-rate climb held past 5 minutes, and without a
// reload the war room and the bridge screen show ROLLBACK RECOMMENDED with the trigger and its value
// over a chart with the firing period shaded. The lead acknowledges, then decides.
import path from "node:path";
import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./support/fixtures";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const MILA: TNewUser = { name: "Mila Metrics", email: "mila@metrics.test", password: "mila-password-123", role: "lead" };
const BO: TNewUser = { name: "Bo Bridge", email: "bo@metrics.test", password: "bo-password-1234", role: "viewer" };
const ROLLBACK_RULE = "Error rate > 5% sustained (5 minutes)";

type TScreen = { context: BrowserContext; page: Page };

async function signedIn(browser: Browser, user: TNewUser, viewport = { width: 1440, height: 900 }): Promise<TScreen> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, user.email, user.password);
  return { context, page };
}

type TSample = { metric: string; value: number; timestamp: string; stage: "canary" | "production" };

/** A canary that is healthy from 12 to 7 minutes ago, then fails at ~7.5% for the last 6.5 minutes. */
function breachingSeries(now: number): TSample[] {
  const samples: TSample[] = [];
  for (let ago = 12 * 60; ago >= 0; ago -= 15) {
    const at = new Date(now - ago * 1000).toISOString();
    const isBad = ago <= 6.5 * 60;
    // The last minute and a half reads exactly 7.5%: the rule's value is its one-minute mean.
    const badValue = ago <= 90 ? 7.5 : 7.5 + (ago % 4) / 10;
    samples.push({ metric: "error_rate", stage: "canary", timestamp: at, value: isBad ? badValue : 0.2 + (ago % 3) / 10 });
    samples.push({ metric: "error_rate", stage: "production", timestamp: at, value: 0.15 + (ago % 5) / 50 });
    samples.push({ metric: "response_time_p95", stage: "canary", timestamp: at, value: isBad ? 1450 + (ago % 7) * 20 : 420 + (ago % 5) * 10 });
    samples.push({ metric: "response_time_p95", stage: "production", timestamp: at, value: 390 + (ago % 6) * 8 });
  }
  samples.push({ metric: "error_rate", stage: "canary", timestamp: new Date(now - 2000).toISOString(), value: 7.5 });
  return samples;
}

async function push(request: APIRequestContext, runId: string, token: string, body: unknown) {
  return request.post(`/api/runs/${runId}/metrics`, { headers: { authorization: `Bearer ${token}` }, data: body });
}

test.describe.serial("metrics, rules and the rollback recommendation", () => {
  let admin: TScreen;
  let lead: TScreen;
  let bridge: TScreen;
  let runId = "";
  let token = "";

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await setupAdminIfNeeded(page);
    for (const user of [MILA, BO]) await createUserViaUi(page, user);
    admin = { context, page };
  });

  test.afterAll(async () => {
    for (const screen of [admin, lead, bridge]) await screen?.context.close();
  });

  test("a lead creates a run and an API token in the war room; the secret is shown once", async ({ browser }) => {
    lead = await signedIn(browser, MILA);
    const page = lead.page;
    await page.goto("/runs/new");
    const submit = page.getByRole("button", { name: "Create run" });
    await waitForHydration(submit);
    await page.getByLabel("Name", { exact: true }).fill("Checkout 2.4 canary");
    await page.getByLabel("Service", { exact: true }).fill("checkout-api");
    await page.getByLabel("Version", { exact: true }).fill("2.4.0");
    await page.getByLabel("Planned start").fill("2026-12-01T14:00");
    await submit.click();
    await page.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
    runId = new URL(page.url()).pathname.split("/").pop()!;

    const panel = page.getByTestId("metrics-panel");
    await expect(panel.getByTestId("rule-state")).toHaveCount(9);
    await expect(panel.getByTestId("metrics-empty")).toContainText("No samples yet");
    await panel.getByText(/^API tokens/).click();
    await waitForHydration(panel.getByRole("button", { name: "Create token" }));
    await panel.getByLabel("Token name").fill("e2e-monitoring");
    await panel.getByRole("button", { name: "Create token" }).click();
    token = (await panel.getByTestId("new-token").textContent())!.trim();
    expect(token).toMatch(/^wrm_[A-Za-z0-9_-]{43}$/);
    await expect(panel.getByTestId("api-token").filter({ hasText: "e2e-monitoring" })).toHaveAttribute("data-revoked", "false");
  });

  test("the API refuses a wrong token (401) and a bad sample (422), and stores nothing", async ({ request }) => {
    const sample = { metric: "error_rate", value: 0.3, stage: "canary", timestamp: new Date().toISOString() };
    const wrong = await push(request, runId, "wrm_wrong", sample);
    expect(wrong.status()).toBe(401);
    expect(wrong.headers()["www-authenticate"]).toContain("Bearer");
    const bad = await push(request, runId, token, { ...sample, value: 140 });
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.message).toContain("error_rate is a percentage");
    await expect(lead.page.getByTestId("metrics-empty")).toBeVisible();
  });

  test("a breaching series pushed through the API shows the banner and the shaded chart on the war room and the bridge, live", async ({ browser, request }) => {
    // The rules catch up on the pushed history at their 10 s interval before the banner can show.
    test.setTimeout(120_000);
    bridge = await signedIn(browser, BO, { width: 1920, height: 1080 });
    await bridge.page.goto(`/runs/${runId}/bridge`);
    for (const page of [lead.page, bridge.page]) {
      await expect(page.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
      await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    }
    await expect(bridge.page.getByTestId("bridge-status-light")).toHaveAttribute("data-state", "on_track");

    const series = breachingSeries(Date.now());
    const response = await push(request, runId, token, { samples: series });
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ accepted: series.length, duplicates: 0 });

    const banner = lead.page.getByTestId("rollback-banner");
    // Rules are judged every 10 s (their interval), not on each push: allow a couple of evaluations.
    await expect(banner).toHaveAttribute("data-active", "true", { timeout: 90_000 });
    await expect(banner).toContainText("ROLLBACK RECOMMENDED");
    await expect(banner.getByTestId("rollback-trigger")).toContainText(ROLLBACK_RULE);
    await expect(banner.getByTestId("rollback-value")).toHaveText("7.5% on canary");
    // The war room's charts are on demand (one line per rule is the summary).
    await lead.page.getByRole("button", { name: /^Show charts/ }).click();
    const chart = lead.page.locator('[data-testid="metric-chart"][data-metric="error_rate"]');
    await expect(chart).toHaveAttribute("data-firing", "true");
    await expect(chart.locator(".recharts-reference-area")).not.toHaveCount(0);
    await expect(lead.page.getByTestId("rule-state").filter({ hasText: ROLLBACK_RULE })).toHaveAttribute("data-state", "firing");

    const light = bridge.page.getByTestId("bridge-status-light");
    await expect(light).toHaveAttribute("data-state", "rollback");
    await expect(bridge.page.getByTestId("bridge-rollback-banner")).toContainText("ROLLBACK RECOMMENDED");
    await expect(bridge.page.getByTestId("bridge-rollback-trigger")).toHaveText(ROLLBACK_RULE);
    await expect(bridge.page.getByTestId("bridge-rollback-value")).toContainText("7.5% on canary");
    const bridgeChart = bridge.page.locator('[data-testid="bridge-metric"][data-metric="error_rate"] [data-testid="metric-chart"]');
    await expect(bridgeChart).toHaveAttribute("data-firing", "true");
    await expect(bridgeChart.locator(".recharts-reference-area")).not.toHaveCount(0);
    await expect(bridge.page.getByTestId("bridge-events")).toContainText("ROLLBACK RECOMMENDED");
    // Key text is readable across the room: the banner's headline and the value at ≥ 48 px.
    const sizes = await bridge.page.getByTestId("bridge-rollback-banner").evaluate((el) =>
      [el.querySelector("p")!, el.querySelector('[data-testid="bridge-rollback-value"]')!].map((p) => parseFloat(getComputedStyle(p).fontSize)),
    );
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(48);

    for (const page of [lead.page, bridge.page]) {
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    }
    // Resending part of the batch is not double-counted.
    expect(await (await push(request, runId, token, { samples: series.slice(0, 20) })).json()).toEqual({ accepted: 0, duplicates: 20 });
  });

  test("screenshots of the war room and the bridge during the recommendation", async () => {
    await lead.page.getByTestId("metrics-panel").scrollIntoViewIfNeeded();
    await lead.page.screenshot({ path: path.join(SCREENSHOTS, "metrics-war-room.png") });
    await bridge.page.screenshot({ path: path.join(SCREENSHOTS, "metrics-bridge.png") });
  });

  test("the lead acknowledges (everyone sees who), then decides to continue with a reason", async () => {
    const banner = lead.page.getByTestId("rollback-banner");
    await banner.getByRole("button", { name: "Acknowledge" }).click();
    await expect(bridge.page.getByTestId("bridge-rollback-value")).toContainText(`acknowledged by ${MILA.name}`);
    await expect(lead.page.getByTestId("timeline")).toContainText(`${MILA.name} acknowledged “${ROLLBACK_RULE}” — at that moment: error_rate 7.5 (canary)`);

    await banner.getByRole("button", { name: "Continue…" }).click();
    const confirm = banner.getByRole("button", { name: "Confirm: continue" });
    await expect(confirm).toBeDisabled();
    await banner.getByLabel("Why continue").fill("Canary only, known noisy pod being drained");
    await confirm.click();
    await expect(lead.page.getByTestId("rollback-banner")).toHaveCount(0);
    await expect(bridge.page.getByTestId("bridge-status-light")).toHaveAttribute("data-state", "attention");
    await expect(bridge.page.getByTestId("bridge-status-reason")).toContainText(`Continuing despite “${ROLLBACK_RULE}” (${MILA.name}: Canary only`);
  });

  test("a manual trigger needs a note and turns every screen red again", async () => {
    const page = lead.page;
    await page.getByRole("button", { name: "⟲ Data corruption detected" }).click();
    const pull = page.getByRole("button", { name: "Pull “Data corruption detected”" });
    await expect(pull).toBeDisabled();
    await page.getByLabel("What was seen (Data corruption detected)").fill("Duplicate order rows since 14:02");
    await pull.click();
    await expect(page.getByTestId("rollback-banner")).toContainText("Data corruption detected");
    await expect(bridge.page.getByTestId("bridge-rollback-trigger")).toHaveText("Data corruption detected");
    await expect(bridge.page.getByTestId("bridge-rollback-value")).toContainText("“Duplicate order rows since 14:02”");
  });

  test("a revoked token is refused at once, after a confirmation that Cancel leaves alone", async ({ request }) => {
    const panel = lead.page.getByTestId("metrics-panel");
    const tokenRow = panel.getByTestId("api-token").filter({ hasText: "e2e-monitoring" });
    await panel.getByRole("button", { name: "Revoke “e2e-monitoring”" }).click();
    const dialog = lead.page.getByRole("dialog", { name: "Revoke token “e2e-monitoring”?" });
    await expect(dialog).toContainText("refused (401)");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(tokenRow).toHaveAttribute("data-revoked", "false");
    await panel.getByRole("button", { name: "Revoke “e2e-monitoring”" }).click();
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await expect(tokenRow).toHaveAttribute("data-revoked", "true");
    const refused = await push(request, runId, token, { metric: "cpu", value: 30, timestamp: new Date().toISOString() });
    expect(refused.status()).toBe(401);
  });
});
