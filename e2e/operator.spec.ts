// The operator's screens read right at 2 a.m. (issue 17, items 6–14): the war room at 1440×900 opens
// on the current phase and its next open item, with a sticky header and one line per rule; the poll
// comes to the lead; one rollback action with one name and a confirmation that says what happens;
// a rolled-back run reads as history on every screen; words and formats a person reads without doubt;
// and a catch-up summary for whoever joins late (forms and the rollout-step editor, items 12–13, are in
// operator-forms.spec.ts). Screens are saved under e2e/.screenshots/operator/ and were looked at.
import path from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { arrangeStatusLink, command, createRunViaUi, itemIds, socketFor, type TClient } from "./support/a11y-arrange";
import { phaseItems } from "./support/day-checklist";
import { ADMIN, setupAdminIfNeeded, waitForHydration } from "./support/fixtures";
import { arrangeCanary, pushIncident } from "./support/operator-arrange";

const SHOTS = path.join(__dirname, ".screenshots", "operator");
const DESKTOP = { width: 1440, height: 900 };
const ROLLBACK_RULE = "Error rate > 5% sustained (5 minutes)";

test.describe.serial("the operator's screens", () => {
  let context: BrowserContext;
  let page: Page;
  let socket: TClient;
  /** Pre-deployment with its first section done and two items of the second. */
  let underwayId = "";
  /** Production at the 10% canary, its rollback trigger firing. */
  let canaryId = "";
  let statusPath = "";

  test.beforeAll(async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    context = await browser.newContext({ viewport: DESKTOP });
    page = await context.newPage();
    await setupAdminIfNeeded(page);
    socket = await socketFor(context, baseURL!);

    underwayId = await createRunViaUi(page, "Payments 7.2 production deploy");
    await command(socket, "run:status", { runId: underwayId, to: "pre_deployment", version: 0 });
    await page.goto(`/runs/${underwayId}`);
    const items = await phaseItems(page, "pre_deployment");
    const sections = [...new Set(items.map((i) => i.section))];
    const done = [...items.filter((i) => i.section === sections[0]), ...items.filter((i) => i.section === sections[1]).slice(0, 2)];
    for (const { id } of done) await command(socket, "item:change", { runId: underwayId, itemId: id, version: 0, action: { kind: "done", reason: "arranged by the test" } });

    canaryId = await createRunViaUi(page, "Checkout 4.3 canary");
    const token = await arrangeCanary(page, socket, canaryId);
    // Nothing listens on port 9: the delivery fails, as a webhook on a bad host would.
    await command(socket, "webhook:save", { runId: canaryId, name: "Team chat", url: "http://127.0.0.1:9/hooks/team", format: "slack" });
    await command(socket, "comms:post", { runId: canaryId, templateKey: "in_progress", body: "Canary at 10%. Next update at 15:30." });
    await pushIncident(baseURL!, canaryId, token);
    statusPath = await arrangeStatusLink(page, canaryId);
  });

  test.afterAll(async () => {
    socket?.disconnect();
    await context?.close();
  });

  test("7 · at 1440×900 the war room opens on the current phase and its next open item; other phases are one line each", async () => {
    await page.goto(`/runs/${underwayId}`);
    await expect(page.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
    const current = page.locator('[data-testid="run-phase"][data-current="true"]');
    await expect(current).toHaveAttribute("data-phase-key", "pre_deployment");
    await expect(current).toHaveAttribute("data-expanded", "true");
    // The next open item is marked, named at the top of the phase, and on screen without scrolling.
    const next = current.locator('[data-testid="checklist-item"][data-next="true"]');
    await expect(next).toHaveCount(1);
    await expect(next).toHaveAttribute("data-state", "open");
    await expect(next).toBeInViewport();
    const nextText = (await next.locator("bdi").first().textContent())!;
    await expect(current.getByTestId("phase-next")).toContainText(nextText);
    await page.screenshot({ path: path.join(SHOTS, "war-room-1440x900.png") });
    // The finished first section is one line; the others are open.
    await expect(current.getByTestId("run-section").first()).toHaveAttribute("data-expanded", "false");
    // Every other phase is one line: its title and progress, its items out of sight until opened.
    const others = page.locator('[data-testid="run-phase"][data-current="false"]');
    await expect(others).toHaveCount(5);
    for (const other of await others.all()) {
      await expect(other).toHaveAttribute("data-expanded", "false");
      expect((await other.boundingBox())!.height).toBeLessThan(60);
    }
    const staging = page.locator('[data-testid="run-phase"][data-phase-key="staging"]');
    await expect(staging.getByTestId("checklist-item").first()).toBeHidden();
    await staging.getByRole("button", { name: /Staging Deployment/ }).click();
    await expect(staging.getByTestId("checklist-item").first()).toBeVisible();
    await staging.getByRole("button", { name: /Staging Deployment/ }).click();
    // The metrics are one line per rule, charts on demand.
    for (const row of await page.getByTestId("rule-state").all()) expect((await row.boundingBox())!.height).toBeLessThan(34);

    // Scrolled to the bottom, the header still shows the status, the light and the primary action.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    await expect(page.getByTestId("run-status")).toBeInViewport();
    await expect(page.getByTestId("run-status-light")).toBeInViewport();
    await expect(page.getByRole("button", { name: "Move to Staging →" })).toBeInViewport();
    await page.screenshot({ path: path.join(SHOTS, "war-room-1440x900-scrolled.png") });

    // `n` goes to the next open item on screen.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator("body").click({ position: { x: 5, y: 400 } });
    await page.keyboard.press("n");
    await expect(next.locator('[data-action="tick"]')).toBeFocused();
  });

  test("11 · words a person reads without doubt: phase clocks, success criteria, durations, short row labels", async () => {
    const timer = page.locator('[data-testid="run-phase"][data-current="true"] [data-testid="phase-timer"]');
    await expect(timer).toHaveText(/^\d+ min \d{2} s of 1 h$/);
    await expect(page.getByTestId("metrics-panel").getByRole("heading", { name: "Success criteria", exact: true })).toBeVisible();
    await expect(page.getByTestId("metrics-panel")).not.toContainText(/criterions/i);

    // A rehearsal's 5-minute window is 10 s: the rule editor says so, never 0.1666… minutes.
    await page.goto("/runs/new");
    const submit = page.getByRole("button", { name: "Create run" });
    await waitForHydration(submit);
    await page.getByLabel("Name", { exact: true }).fill("Rehearsal of Payments 7.2");
    await page.getByLabel("Service", { exact: true }).fill("payments-api");
    await page.getByLabel("Version", { exact: true }).fill("7.2.0");
    await page.getByLabel("Planned start").fill("2026-12-01T14:00");
    await page.getByLabel("Deployment Lead").selectOption({ label: `${ADMIN.name} · Admin` });
    await page.getByLabel("Time", { exact: true }).selectOption({ label: "Rehearsal: 30× faster" });
    await submit.click();
    await page.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
    await page.getByText(/^Rules \(\d+\)$/).click();
    const label = `${ROLLBACK_RULE} [time ×30: 10 s]`;
    const edit = page.getByRole("button", { name: `Edit “${label}”` });
    await expect(edit).toHaveText("Edit");
    await edit.click();
    const form = page.getByRole("form", { name: `Edit rule ${label}` });
    await expect(form.getByRole("textbox", { name: "Window length" })).toHaveValue("10 s");
    await expect(form.getByRole("textbox", { name: "Sustained for" })).toHaveValue("10 s");
    await expect(form).not.toContainText("0.1666");
    await expect(form.getByRole("textbox", { name: "Window length" })).not.toHaveValue(/0\.16/);
    await form.getByRole("button", { name: "Cancel" }).click();
  });

  test("14 · catch me up: the phase, the decisions, the open recommendation and the last announcement", async () => {
    await page.goto(`/runs/${canaryId}`);
    await expect(page.getByTestId("rollback-banner")).toHaveAttribute("data-active", "true", { timeout: 60_000 });
    const catchUp = page.getByTestId("catch-up");
    await expect(catchUp.getByTestId("catch-up-where")).toHaveText(/^Production Deployment since \d\d:\d\d UTC, 10% of production traffic on the new version$/);
    await expect(catchUp.getByTestId("catch-up-decisions")).toContainText("Go/No-Go round 1: PROCEED (closed by Ada Admin)");
    await expect(catchUp.getByTestId("catch-up-alerts")).toContainText(`ROLLBACK RECOMMENDED: “${ROLLBACK_RULE}”`);
    await expect(catchUp.getByTestId("catch-up-announcement")).toContainText("“Deployment In Progress” by Ada Admin");
  });

  test("9 · one rollback action, one name everywhere; announcement templates read as messages", async () => {
    const rollBack = page.getByRole("button", { name: "Roll back…", exact: true });
    // The header's and the banner's: the same words.
    await expect(rollBack).toHaveCount(2);
    await expect(page.getByTestId("run-header").getByRole("button", { name: "Roll back…", exact: true })).toHaveCount(2);
    const comms = page.getByTestId("comms-panel");
    await expect(comms.getByRole("button", { name: "Rollback notice…", exact: true })).toBeVisible();
    await expect(comms.getByRole("button", { name: /^Rollback$/ })).toHaveCount(0);
    for (const button of await comms.getByRole("group", { name: "Write a message" }).getByRole("button").all()) await expect(button).toHaveText(/notice…$|update…$/);
    // The decision guide that ends in ROLLBACK offers the same action, and starts without repeating its heading.
    const offer = page.getByTestId("decision-offer");
    await offer.getByRole("button", { name: "Walk the guide" }).click();
    const walk = page.getByTestId("decision-walk");
    await expect(walk.getByRole("group", { name: "Where are the errors?" })).toBeVisible();
    await expect(walk.getByTestId("decision-trail")).toHaveCount(0);
    await expect(walk.getByText("Where are the errors?", { exact: true })).toHaveCount(1);
    await walk.getByRole("button", { name: "Widespread" }).click();
    await walk.getByRole("button", { name: "ROLLBACK immediately" }).click();
    await expect(walk.getByRole("button", { name: "Roll back…", exact: true })).toBeVisible();
    await expect(rollBack).toHaveCount(3);
    await page.screenshot({ path: path.join(SHOTS, "war-room-rollback-recommended.png") });
    await walk.getByRole("button", { name: "Close without acting" }).click();
  });

  test("10 · rolling back and aborting ask first, saying what will happen; Cancel changes nothing", async () => {
    const header = page.getByTestId("run-header");
    await header.getByTestId("run-controls").getByRole("button", { name: "Roll back…", exact: true }).click();
    const dialog = page.getByTestId("roll-back-dialog");
    await expect(dialog.getByRole("heading")).toHaveText("Roll back “Checkout 4.3 canary”?");
    await expect(dialog.getByTestId("confirm-consequences")).toContainText("The run moves to Rolled back and ends");
    await expect(dialog.getByTestId("confirm-consequences")).toContainText("The rollback notice opens for you to check and post");
    await expect(dialog.getByRole("button", { name: "Roll back", exact: true })).toBeDisabled();
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId("run-status")).toHaveText("Production rollout");

    await header.getByRole("button", { name: "Abort…" }).click();
    const abort = page.getByTestId("aborted-dialog");
    await expect(abort.getByTestId("confirm-consequences")).toContainText("It cannot be restarted");
    await abort.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("Production rollout");

    await header.getByTestId("run-controls").getByRole("button", { name: "Roll back…", exact: true }).click();
    await dialog.getByLabel("Why roll back? (on the record)").fill("Canary error rate 7.5% for six minutes");
    await dialog.getByRole("button", { name: "Roll back", exact: true }).click();
    await expect(page.getByTestId("run-status")).toHaveText("Rolled back");
    const composer = page.getByTestId("comms-composer");
    await expect(composer.getByRole("tab", { name: "Rollback" })).toHaveAttribute("aria-selected", "true");
    await composer.getByRole("button", { name: "Close the composer" }).click();
    await expect(composer).toHaveCount(0);
  });

  test("6 · a rolled-back run says so once, and its rules stop at their final state, labelled so", async ({ browser }) => {
    await expect(page.getByTestId("rollback-banner")).toHaveCount(0);
    const finalRule = page.locator(`[data-testid="rule-state"][data-rule="${ROLLBACK_RULE}"]`);
    await expect(finalRule).toHaveAttribute("data-final", "true");
    await expect(finalRule).toHaveAttribute("data-state", "firing");
    await expect(finalRule.getByTestId("rule-detail")).toHaveText("final · last value 7.5% on canary");
    await expect(page.getByTestId("metrics-summary")).toHaveText(/^Final states when the run was rolled back at \d\d:\d\d UTC: the rules are no longer evaluated\.$/);
    await expect(page.getByTestId("catch-up-where")).toHaveText(/^Rolled back at \d\d:\d\d UTC$/);
    await expect(page.getByTestId("catch-up-alerts")).toHaveText("None");
    await expect(page.getByTestId("catch-up-decisions")).toContainText("Ada Admin rolled the run back (Canary error rate 7.5% for six minutes)");
    await page.getByRole("button", { name: /^Show charts/ }).click();
    const chart = page.getByTestId("metrics-panel").locator("figure").filter({ has: page.locator('[data-testid="metric-chart"][data-metric="error_rate"]') });
    await expect(chart.getByTestId("chart-final")).toContainText(/final: firing when the run was rolled back at \d\d:\d\d UTC/);
    await expect(chart.getByTestId("chart-firing")).toHaveCount(0);
    await page.screenshot({ path: path.join(SHOTS, "war-room-rolled-back.png"), fullPage: true });

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const status = await phone.newPage();
      await status.goto(statusPath);
      await expect(status.getByTestId("status-connection")).toHaveAttribute("data-state", "live");
      await expect(status.getByTestId("status-light-word")).toHaveText("Rolled back");
      await expect(status.getByTestId("status-stage")).toHaveCount(0);
      await expect(status.getByTestId("status-reason")).toHaveText(/^From 10% of production traffic · \d\d:\d\d UTC$/);
      await expect(status.getByTestId("status-phase").locator("dt")).toHaveText("Last phase");
      await expect(status.getByTestId("status-phase").locator("dd")).toHaveText("Production Deployment");
      await expect(status.locator("body")).not.toContainText("Rolling back");
      // "Rolled back" once in the light; nowhere else says it again.
      expect((await status.locator("main").innerText()).match(/Rolled back/g)).toHaveLength(1);
      const statusChart = status.locator('[data-testid="status-chart"][data-metric="error_rate"]');
      await expect(statusChart.getByTestId("chart-final")).toContainText("final: firing when the run was rolled back");
      await expect(statusChart.getByTestId("chart-firing")).toHaveCount(0);
      await status.screenshot({ path: path.join(SHOTS, "status-390x844-rolled-back.png"), fullPage: true });
    } finally {
      await phone.close();
    }

    const tv = await browser.newContext({ viewport: { width: 1920, height: 1080 }, storageState: await context.storageState() });
    try {
      const bridge = await tv.newPage();
      await bridge.goto(`/runs/${canaryId}/bridge`);
      await expect(bridge.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
      await expect(bridge.getByTestId("bridge-status-light")).toHaveAttribute("data-word", "ROLLED BACK");
      await expect(bridge.getByTestId("bridge-status-reason")).toContainText("From 10% of production traffic");
      await expect(bridge.getByTestId("bridge-chart-final").first()).toContainText("final: firing when the run was rolled back");
      await expect(bridge.getByText(/FIRING/)).toHaveCount(0);
      // 11 · the room sees the run's story, not its plumbing: no webhook host, delivery or status link.
      const events = bridge.getByTestId("bridge-events");
      await expect(events).toContainText("rolled the run back");
      await expect(events).not.toContainText("127.0.0.1");
      await expect(events).not.toContainText(/webhook|delivered|status link|ECONNREFUSED/i);
      await bridge.screenshot({ path: path.join(SHOTS, "bridge-1920x1080-rolled-back.png") });
    } finally {
      await tv.close();
    }
  });

  test("8 · the run reaching Go/No-Go brings the poll to the lead, and opening it clears “needs a Go/No-Go decision”", async () => {
    const secondId = await createRunViaUi(page, "Search 2.1 production deploy");
    await page.goto(`/runs/${secondId}`);
    let version = 0;
    for (const [status, phase] of [["pre_deployment", "pre_deployment"], ["staging", "staging"], ["smoke_tests", "smoke_testing"]] as const) {
      await command(socket, "run:status", { runId: secondId, to: status, version: version++ });
      await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", status);
      for (const itemId of await itemIds(page, phase)) await command(socket, "item:change", { runId: secondId, itemId, version: 0, action: { kind: "done", reason: "arranged by the test" } });
    }
    await expect(page.locator('[data-testid="run-phase"][data-phase-key="smoke_testing"] [data-testid="checklist-item"][data-state="open"]')).toHaveCount(0);
    // The lead is at the bottom of the page when they move the run on from the sticky header.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    await page.getByRole("button", { name: "Move to Go / No-Go →" }).click();
    const panel = page.getByTestId("go-no-go-panel");
    await expect(panel).toBeInViewport();
    await expect(panel.getByRole("heading", { name: /^Go \/ No-Go decision/ })).toBeFocused();

    // Moving on before the poll is refused with the reason; opening the poll clears it.
    await page.getByRole("button", { name: "Move to Production rollout →" }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "Production needs a Go/No-Go decision" });
    await expect(refusal).toBeVisible();
    await panel.getByRole("form", { name: "Open the Go/No-Go poll" }).getByRole("button", { name: /^Open the poll/ }).click();
    await expect(panel.getByTestId("roll-call")).toBeVisible();
    await expect(refusal).toHaveCount(0);
    await expect(page.getByText("Production needs a Go/No-Go decision")).toHaveCount(0);

    // Closing the poll asks first, saying what the outcome will do.
    const allGo = page.getByRole("button", { name: "All GO as Deployment Lead" });
    await allGo.click();
    await expect(allGo).toBeDisabled();
    const tech = page.getByRole("button", { name: "All GO as Tech Lead" });
    await tech.click();
    await expect(tech).toBeDisabled();
    await page.getByRole("button", { name: "Close the poll…" }).click();
    const closing = page.getByTestId("close-poll-dialog");
    await expect(closing.getByTestId("confirm-consequences")).toContainText("The outcome is PROCEED: production unlocks");
    await closing.getByRole("button", { name: "Cancel" }).click();
    await expect(panel.getByTestId("poll-outcome")).not.toHaveAttribute("data-status", "closed");
  });
});
