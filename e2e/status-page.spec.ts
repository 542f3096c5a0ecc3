// A stakeholder's status link: a lead creates it, someone with no account opens it on a phone and
// follows the deployment live, sees no runbook internals, and is cut off within a second of the
// lead revoking it. Runs in production mode, under the real CSP.
import path from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { TClientToServerEvents, TServerToClientEvents } from "../lib/realtime/events";
import { defaultTemplate } from "../prisma/seed/default-template";
import { createStatusLinkViaUi, createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./support/fixtures";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const SAM: TNewUser = { name: "Sam Share", email: "sam-share@warroom.test", password: "sam-password-123", role: "lead" };
const RUN_NAME = "Checkout v4.2 production deploy";
const FIRST_ITEM = "Production environment health check";
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Every command and expected output in the runbook: none may reach a stakeholder's browser. */
const INTERNALS = defaultTemplate.phases
  .flatMap((p) => p.sections.flatMap((s) => [s.command, s.expectedOutput, ...s.items.flatMap((i) => [i.command, i.expectedOutput])]))
  .filter((text): text is string => typeof text === "string" && text.trim().length > 8);

test.describe.serial("stakeholder status link", () => {
  let lead: { context: BrowserContext; page: Page };
  let stakeholder: { context: BrowserContext; page: Page };
  let runUrl = "";
  let statusUrl = "";
  const cspViolations: string[] = [];

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await setupAdminIfNeeded(page);
    await createUserViaUi(page, SAM);
    await context.close();
  });

  test.afterAll(async () => {
    for (const c of [lead, stakeholder]) await c?.context.close();
  });

  test("a lead creates a run and a status link for it; the address is shown once", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    lead = { context, page };
    await signIn(page, SAM.email, SAM.password);
    await page.goto("/runs/new");
    const submit = page.getByRole("button", { name: "Create run" });
    await waitForHydration(submit);
    await page.getByLabel("Name", { exact: true }).fill(RUN_NAME);
    await page.getByLabel("Service", { exact: true }).fill("checkout");
    await page.getByLabel("Version", { exact: true }).fill("4.2.0");
    await page.getByLabel("Planned start").fill("2026-12-01T14:00");
    await page.getByLabel("Deployment Lead").selectOption({ label: `${SAM.name} · Lead` });
    await submit.click();
    await page.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
    runUrl = new URL(page.url()).pathname;

    await page.getByRole("link", { name: "Status links" }).click();
    await page.waitForURL(`**${runUrl}/share`);
    statusUrl = await createStatusLinkViaUi(page, "Customer success");
    await page.screenshot({ path: path.join(SCREENSHOTS, "share-links.png") });
    const row = page.getByTestId("share-link-row").filter({ hasText: "Customer success" });
    await expect(row).toHaveAttribute("data-state", "active");
    await expect(row.getByTestId("share-link-last-used")).toHaveText("Never");
    // Shown once: a reload lists the link but no longer shows its address.
    await page.reload();
    await expect(page.getByTestId("share-link-url")).toHaveCount(0);
    await expect(page.getByTestId("share-link-row").filter({ hasText: "Customer success" })).toBeVisible();
  });

  test("someone with no account opens it on a phone: live status, plain words, no commands", async ({ browser }) => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    stakeholder = { context, page };
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load|connect)/i.test(message.text())) cspViolations.push(message.text());
    });
    const response = await page.goto(statusUrl);
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");

    await expect(page.getByTestId("status-run-name")).toHaveText(RUN_NAME);
    await expect(page.getByTestId("status-connection")).toHaveAttribute("data-state", "live");
    await expect(page.getByTestId("status-stage")).toHaveText("Scheduled");
    await expect(page.getByTestId("status-light")).toHaveAttribute("data-state", "on_track");
    await expect(page.getByTestId("status-go-no-go")).toContainText("Not decided yet");
    await expect(page.getByTestId("status-progress")).toContainText(/^Overall progress0 of \d+ steps done/);

    // Nothing internal in the page, its HTML or the data React was handed.
    const html = await page.content();
    for (const internal of INTERNALS) expect(html, `the status page contains “${internal}”`).not.toContain(internal);
    expect(html).not.toContain(SAM.email);
  });

  test("it updates without reload when the lead starts the run and ticks", async () => {
    await lead.page.goto(runUrl);
    await expect(lead.page.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
    await lead.page.getByRole("button", { name: "Start deployment" }).click();
    const page = stakeholder.page;
    await expect(page.getByTestId("status-stage")).toHaveText("Preparing");
    await expect(page.getByTestId("status-phase")).toContainText("Phase 1 of 6");
    await lead.page.getByRole("button", { name: `Mark “${FIRST_ITEM}” done` }).click();
    await expect(page.getByTestId("status-progress")).toContainText(/^Overall progress1 of \d+ steps done/);
    await expect(page.getByTestId("status-phase")).toContainText("1 of");
    // A failure note stays in the war room; the page only says something failed.
    await lead.page.getByRole("button", { name: "Fail “Backup created”" }).click();
    await lead.page.getByLabel("What failed").fill("s3 bucket creds expired (see vault)");
    await lead.page.getByRole("button", { name: "Mark failed" }).click();
    await expect(page.getByTestId("status-light")).toHaveAttribute("data-state", "attention");
    await expect(page.getByTestId("status-progress")).toContainText("1 failed");
    expect(await page.content()).not.toContain("vault");
    expect(cspViolations).toEqual([]);
  });

  test("announcements a lead posts appear live, as plain text", async ({ baseURL }) => {
    const runId = runUrl.split("/").pop()!;
    const cookie = (await lead.context.cookies(baseURL)).map((c) => `${c.name}=${c.value}`).join("; ");
    const socket: Socket<TServerToClientEvents, TClientToServerEvents> = io(baseURL!, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie } });
    const body = "Pre-deployment checks under way.\nNext update at 15:30 <img src=x onerror=alert(1)>";
    const reply = await socket.timeout(8000).emitWithAck("comms:post", { runId, templateKey: "in_progress", body });
    socket.disconnect();
    expect(reply).toHaveProperty("data");
    const announcement = stakeholder.page.getByTestId("status-announcement");
    await expect(announcement).toHaveCount(1);
    await expect(announcement).toContainText("Next update at 15:30 <img src=x onerror=alert(1)>");
    await expect(stakeholder.page.locator("img")).toHaveCount(0);
  });

  test("with charts: the key metrics pushed by a monitoring script appear live", async ({ baseURL }) => {
    const page = stakeholder.page;
    await expect(page.getByTestId("status-charts")).toContainText("No measurements yet.");
    const runId = runUrl.split("/").pop()!;
    // A monitoring script's token (leads create them in the war room), then samples through the API.
    const cookie = (await lead.context.cookies(baseURL)).map((c) => `${c.name}=${c.value}`).join("; ");
    const socket: Socket<TServerToClientEvents, TClientToServerEvents> = io(baseURL!, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie } });
    const reply = await socket.timeout(8000).emitWithAck("token:create", { runId, name: "prometheus" });
    socket.disconnect();
    if ("error" in reply) throw new Error(reply.error.message);
    const now = Date.now();
    const samples = [5, 4, 3, 2, 1, 0].flatMap((minutesAgo, i) => [
      { metric: "error_rate", value: 0.2 + i * 0.05, stage: "canary", timestamp: now - minutesAgo * 60_000 },
      { metric: "response_time_p95", value: 310 + i * 12, stage: "canary", timestamp: now - minutesAgo * 60_000 },
      { metric: "cpu", value: 40, timestamp: now - minutesAgo * 60_000 },
    ]);
    const response = await fetch(`${baseURL}/api/runs/${runId}/metrics`, {
      method: "POST",
      headers: { authorization: `Bearer ${reply.data.token}`, "content-type": "application/json" },
      body: JSON.stringify({ samples }),
    });
    expect(response.status).toBe(200);
    await expect(page.locator('[data-testid="status-chart"][data-metric="error_rate"]')).toBeVisible();
    await expect(page.locator('[data-testid="status-chart"][data-metric="response_time_p95"]')).toBeVisible();
    // Key metrics only: CPU stays in the war room.
    await expect(page.locator('[data-testid="status-chart"][data-metric="cpu"]')).toHaveCount(0);
    expect(await page.content()).not.toContain(reply.data.token);
  });

  test("screenshot on a phone-sized screen", async () => {
    await stakeholder.page.screenshot({ path: path.join(SCREENSHOTS, "status-phone.png"), fullPage: true });
    // Nothing wider than the phone: no sideways scrolling.
    const overflow = await stakeholder.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("the lead sees when the link was last used, and revoking it cuts the page off within a second", async () => {
    await lead.page.goto(`${runUrl}/share`);
    const row = lead.page.getByTestId("share-link-row").filter({ hasText: "Customer success" });
    await expect(row.getByTestId("share-link-last-used")).not.toHaveText("Never");
    const revoke = row.getByRole("button", { name: "Revoke “Customer success”" });
    await waitForHydration(revoke);
    await expect(stakeholder.page.getByTestId("status-connection")).toHaveAttribute("data-state", "live");
    // Revoking asks first, saying what it does; Cancel leaves the link working.
    await revoke.click();
    const dialog = lead.page.getByRole("dialog", { name: "Revoke “Customer success”?" });
    await expect(dialog.getByTestId("confirm-consequences")).toContainText("never works again");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row).toHaveAttribute("data-state", "active");
    await expect(stakeholder.page.getByTestId("status-connection")).toHaveAttribute("data-state", "live");
    await revoke.click();
    const clickedAt = Date.now();
    await dialog.getByRole("button", { name: "Revoke link" }).click();
    await expect(stakeholder.page.getByText("This link is no longer valid")).toBeVisible({ timeout: 1000 });
    expect(Date.now() - clickedAt).toBeLessThan(1000);
    await expect(row).toHaveAttribute("data-state", "revoked");
    // And it stays dead.
    await stakeholder.page.reload();
    await expect(stakeholder.page.getByText("This link is no longer valid")).toBeVisible();
    await expect(stakeholder.page.getByTestId("status-run-name")).toHaveCount(0);
  });
});
