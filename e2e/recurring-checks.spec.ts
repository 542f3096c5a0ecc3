// Recurring checks on a run in its monitoring hour: the "Every 5 Minutes" round is overdue on every
// screen until someone records it, then the countdown restarts everywhere, without reload.
// The run's clock is arranged in the database (six minutes into Post-Deployment): walking a real run
// there takes the rollout's checkpoint minutes, which a test cannot wait through.
import path from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { withE2eDatabase } from "./support/e2e-database";
import { createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./support/fixtures";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const RIA: TNewUser = { name: "Ria Lead", email: "ria@warroom.test", password: "ria-password-123", role: "lead" };
const SAM: TNewUser = { name: "Sam Member", email: "sam@warroom.test", password: "sam-password-123", role: "member" };

async function startMonitoringMinutesAgo(runId: string, minutes: number) {
  await withE2eDatabase(async (client) => {
    await client.query(`UPDATE "Run" SET status = 'monitoring', "startedAt" = now() - interval '3 hours' WHERE id = $1`, [runId]);
    await client.query(
      `UPDATE "RunPhase" SET "startedAt" = now() - make_interval(mins => $2), "completedAt" = NULL WHERE "runId" = $1 AND key = 'post_deployment'`,
      [runId, minutes],
    );
  });
}

test.describe.serial("recurring checks", () => {
  let contexts: BrowserContext[] = [];
  let lead: Page;
  let member: Page;
  let bridge: Page;
  let runUrl = "";

  test.beforeAll(async ({ browser }) => {
    // Two users, a run and three signed-in browsers: more than one test's time on a busy machine.
    test.setTimeout(90_000);
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await setupAdminIfNeeded(admin);
    for (const user of [RIA, SAM]) await createUserViaUi(admin, user);

    await admin.goto("/runs/new");
    const submit = admin.getByRole("button", { name: "Create run" });
    await waitForHydration(submit);
    await admin.getByLabel("Name", { exact: true }).fill("Checkout 4.2 monitoring hour");
    await admin.getByLabel("Service", { exact: true }).fill("checkout");
    await admin.getByLabel("Version", { exact: true }).fill("4.2.0");
    await admin.getByLabel("Planned start").fill("2026-11-27T08:00");
    await admin.getByLabel("Deployment Lead").selectOption({ label: `${RIA.name} · Lead` });
    await admin.getByLabel("QA").selectOption({ label: `${SAM.name} · Member` });
    await submit.click();
    await admin.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
    runUrl = new URL(admin.url()).pathname;
    await startMonitoringMinutesAgo(runUrl.split("/").pop()!, 6);
    await adminContext.close();

    const open = async (user: TNewUser, url: string, viewport = { width: 1440, height: 900 }) => {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, user.email, user.password);
      await page.goto(url);
      await expect(page.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
      return page;
    };
    lead = await open(RIA, runUrl);
    member = await open(SAM, runUrl);
    bridge = await open(RIA, `${runUrl}/bridge`, { width: 1920, height: 1080 });
  });

  test.afterAll(async () => {
    for (const context of contexts) await context.close();
    contexts = [];
  });

  test("an overdue round shows loudly in the war room and turns the bridge light to attention", async () => {
    const five = lead.getByTestId("recurring-check").nth(0);
    await expect(five).toHaveAttribute("data-state", "overdue");
    await expect(five.getByTestId("recurring-due")).toContainText(/OVERDUE by \d+:\d\d/); // slow machines take a while to sign in
    await expect(lead.getByTestId("recurring-check").nth(1).getByTestId("recurring-due")).toContainText(/Next round due in [6-9]:\d\d/);
    await expect(bridge.getByTestId("bridge-status-light")).toContainText(/“Every 5 Minutes” check overdue by \d+:\d\d/);
    await expect(bridge.getByTestId("bridge-recurring")).toContainText(/Every 5 Minutes · OVERDUE \d+:\d\d/);
    // Recurring checks are done in rounds, not ticked: no tick boxes in those sections.
    await expect(five.getByRole("button", { name: /^Mark “/ })).toHaveCount(0);
    await lead.getByRole("heading", { name: "Post-Deployment" }).scrollIntoViewIfNeeded();
    await lead.screenshot({ path: path.join(SCREENSHOTS, "recurring-overdue.png") });
  });

  test("recording a round restarts the countdown on every screen and goes on the timeline", async () => {
    const five = member.getByTestId("recurring-check").nth(0);
    await five.getByLabel("Note for this round of “Every 5 Minutes”").fill("Error rate 0.04%, p95 310 ms");
    await five.getByRole("button", { name: "All 4 checked · record round" }).click();

    const leadFive = lead.getByTestId("recurring-check").nth(0);
    await expect(leadFive).toHaveAttribute("data-state", "upcoming");
    await expect(leadFive.getByTestId("recurring-due")).toContainText(/Next round due in (5:00|4:5\d)/);
    await expect(leadFive).toContainText(`by ${SAM.name}`);
    await expect(lead.getByTestId("timeline")).toContainText(`${SAM.name} did the “Every 5 Minutes” checks (Error rate 0.04%, p95 310 ms)`);
    await expect(bridge.getByTestId("bridge-status-light")).not.toContainText("overdue");
    await expect(bridge.getByTestId("bridge-recurring")).toContainText(/Every 5 Minutes · due in [45]:\d\d/);
    await expect(bridge.getByTestId("bridge-events")).toContainText("Every 5 Minutes");
    await lead.getByRole("heading", { name: "Post-Deployment" }).scrollIntoViewIfNeeded();
    await lead.screenshot({ path: path.join(SCREENSHOTS, "recurring-recorded.png") });
    await bridge.screenshot({ path: path.join(SCREENSHOTS, "bridge-monitoring.png") });
  });

  test("the run's snapshot is readable as JSON by signed-in users only", async ({ playwright, baseURL }) => {
    const response = await lead.request.get(`/api${runUrl}`);
    expect(response.status()).toBe(200);
    const snapshot = await response.json();
    expect(snapshot).toMatchObject({ name: "Checkout 4.2 monitoring hour", status: "monitoring" });
    const rounds = snapshot.phases.flatMap((p: { sections: { title: string; rounds: unknown[] }[] }) => p.sections).find((s: { title: string }) => s.title === "Every 5 Minutes").rounds;
    expect(rounds).toHaveLength(1);

    const anonymous = await playwright.request.newContext({ baseURL });
    expect((await anonymous.get(`/api${runUrl}`)).status()).toBe(401);
    expect((await lead.request.get("/api/runs/no-such-run")).status()).toBe(404);
    await anonymous.dispose();
  });
});
