// A canary that never received a sample, on every screen (issue 15): the war room's rollout panel
// holds the checkpoint and says why with a ticking age, the header and the bridge read UNVERIFIED,
// the status page "Unverified" — never ON TRACK. A lead steps on only by writing why.
import path from "node:path";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { createStatusLinkViaUi, createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./support/fixtures";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const VERA: TNewUser = { name: "Vera Verdict", email: "vera@verdicts.test", password: "vera-password-123", role: "lead" };
const NO_SAMPLE = /^error_rate: no sample for \d+:\d\d — is the monitoring feed running\?$/;

function e2eDatabaseUrl(): string {
  const port = process.env.E2E_PORT ?? "3210";
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${port === "3210" ? "warroom_e2e" : `warroom_e2e_${port}`}`;
  return url.toString();
}

/** The run at the start of production, everything before it done (the checklist is other specs' business). */
async function arrangeProduction(runId: string) {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query(`UPDATE "Run" SET status = 'production', "startedAt" = now() - interval '2 hours', "rolloutPercent" = 0 WHERE id = $1`, [runId]);
    await client.query(`UPDATE "RunPhase" SET "startedAt" = now() - interval '2 hours', "completedAt" = CASE WHEN key = 'production' THEN NULL ELSE now() - interval '5 minutes' END WHERE "runId" = $1 AND key IN ('pre_deployment', 'staging', 'smoke_testing', 'production')`, [runId]);
    await client.query(
      `UPDATE "RunItem" SET state = 'done', "changedAt" = now() WHERE "sectionId" IN (SELECT s.id FROM "RunSection" s JOIN "RunPhase" p ON p.id = s."phaseId" WHERE p."runId" = $1 AND p.key IN ('pre_deployment', 'staging', 'smoke_testing'))`,
      [runId],
    );
  } finally {
    await client.end();
  }
}

type TScreen = { context: BrowserContext; page: Page };

async function open(browser: Browser, viewport: { width: number; height: number }, user?: TNewUser): Promise<TScreen> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (user) await signIn(page, user.email, user.password);
  return { context, page };
}

test.describe.serial("a zero-sample canary reads UNVERIFIED and holds its checkpoint", () => {
  const screens: TScreen[] = [];
  let runId = "";
  let lead: Page;

  test.beforeAll(async ({ browser }) => {
    const admin = await open(browser, { width: 1280, height: 800 });
    screens.push(admin);
    await setupAdminIfNeeded(admin.page);
    await createUserViaUi(admin.page, VERA);
  });

  test.afterAll(async () => {
    for (const screen of screens) await screen.context.close();
  });

  test("the war room: the step is taken, the countdown held with the reason and its age, the header UNVERIFIED", async ({ browser }) => {
    test.setTimeout(60_000);
    const screen = await open(browser, { width: 1440, height: 900 }, VERA);
    screens.push(screen);
    lead = screen.page;
    await lead.goto("/runs/new");
    const submit = lead.getByRole("button", { name: "Create run" });
    await waitForHydration(submit);
    await lead.getByLabel("Name", { exact: true }).fill("Payments 3.1 canary (silent feed)");
    await lead.getByLabel("Service", { exact: true }).fill("payments-api");
    await lead.getByLabel("Version", { exact: true }).fill("3.1.0");
    await lead.getByLabel("Planned start").fill("2026-12-05T09:00");
    await submit.click();
    await lead.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
    runId = new URL(lead.url()).pathname.split("/").pop()!;

    await arrangeProduction(runId);
    await lead.reload();
    const step = lead.getByRole("button", { name: "Step to 10%" });
    await waitForHydration(step);
    await step.click();
    await expect(lead.getByTestId("rollout-percent")).toHaveText("10%");

    const held = lead.getByTestId("checkpoint-held");
    await expect(held).toBeVisible();
    await expect(held.getByTestId("checkpoint-held-reasons").locator("li").first()).toHaveText(NO_SAMPLE);
    // Once the monitor has judged the rules (saved with their start), the age counts from it and ticks.
    await expect.poll(async () => (await lead.reload(), await held.locator("li").first().textContent()), { timeout: 30_000, intervals: [3_000] }).not.toMatch(/no sample for 0:0[0-2]/);
    const first = await held.locator("li").first().textContent();
    await expect(held.locator("li").first()).not.toHaveText(first!, { timeout: 5_000 });
    await expect(lead.getByRole("button", { name: "Step to 50%", exact: true })).toBeDisabled();

    const light = lead.getByTestId("run-status-light");
    await expect(light).toHaveAttribute("data-word", "UNVERIFIED");
    await expect(light).toHaveAttribute("data-state", "attention");
    await expect(light).not.toContainText("ON TRACK");
    await expect(lead.locator('[data-testid="rule-state"][data-state="inconclusive"]').first()).toBeVisible();
    await lead.getByTestId("rollout-stepper").scrollIntoViewIfNeeded();
    await lead.screenshot({ path: path.join(SCREENSHOTS, "verdicts-war-room-held.png") });
  });

  test("the bridge reads UNVERIFIED across the room, with why the checkpoint is held", async ({ browser }) => {
    const bridge = await open(browser, { width: 1920, height: 1080 }, VERA);
    screens.push(bridge);
    await bridge.page.goto(`/runs/${runId}/bridge`);
    const light = bridge.page.getByTestId("bridge-status-light");
    await expect(light).toHaveAttribute("data-word", "UNVERIFIED");
    await expect(light).toContainText("UNVERIFIED");
    await expect(bridge.page.getByTestId("bridge-status-reason")).toHaveText(NO_SAMPLE);
    await expect(bridge.page.getByTestId("bridge-checkpoint-held")).toContainText("Checkpoint held");
    // Readable across a room: the word at 96 px or more.
    const size = await light.getByText("UNVERIFIED").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(96);
    await bridge.page.screenshot({ path: path.join(SCREENSHOTS, "verdicts-bridge-unverified.png") });
  });

  test("the status page says Unverified, not On track", async ({ browser }) => {
    await lead.goto(`/runs/${runId}/share`);
    const address = await createStatusLinkViaUi(lead, "Payments stakeholders");
    const phone = await open(browser, { width: 390, height: 844 });
    screens.push(phone);
    await phone.page.goto(address);
    const light = phone.page.getByTestId("status-light");
    await expect(light).toHaveAttribute("data-word", "Unverified");
    await expect(phone.page.getByTestId("status-reason")).toHaveText(NO_SAMPLE);
    await phone.page.screenshot({ path: path.join(SCREENSHOTS, "verdicts-status-page-unverified.png") });
  });

  test("a lead steps on past the held checkpoint only by writing why; the timeline records it", async () => {
    await lead.goto(`/runs/${runId}`);
    const open = lead.getByTestId("rollout-override-open");
    await waitForHydration(open);
    await open.click();
    const reason = lead.getByLabel(/Why is 50% safe without the metrics/);
    await reason.fill("too short");
    await expect(lead.getByRole("button", { name: "Step to 50%", exact: true }).last()).toBeDisabled();
    await reason.fill("Metrics bridge down; canary checked by hand in Grafana");
    await lead.getByRole("button", { name: "Step to 50%", exact: true }).last().click();
    await expect(lead.getByTestId("rollout-percent")).toHaveText("50%");
    await expect(lead.getByTestId("timeline")).toContainText("overriding the held checkpoint");
    await expect(lead.getByTestId("timeline")).toContainText("“Metrics bridge down; canary checked by hand in Grafana”");
  });
});
