// The live checklist with several people at once: a lead and a member in their own browsers, the
// bridge screen open, and a viewer who can look but not touch. Everything updates without reload.
import path from "node:path";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { TAck, TClientToServerEvents, TServerToClientEvents } from "../lib/realtime/events";
import { createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./support/fixtures";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const LENA: TNewUser = { name: "Lena Lead", email: "lena@warroom.test", password: "lena-password-123", role: "lead" };
const MO: TNewUser = { name: "Mo Member", email: "mo@warroom.test", password: "mo-password-1234", role: "member" };
const VAL: TNewUser = { name: "Val Viewer", email: "val@warroom.test", password: "val-password-123", role: "viewer" };
const FIRST_ITEM = "Production environment health check";

async function signedInPage(browser: Browser, user: TNewUser, viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, user.email, user.password);
  return { context, page };
}

function item(page: Page, text: string) {
  return page.getByTestId("checklist-item").filter({ has: page.getByText(text, { exact: true }) });
}

test.describe.serial("the live checklist", () => {
  let admin: { context: BrowserContext; page: Page };
  let lead: { context: BrowserContext; page: Page };
  let member: { context: BrowserContext; page: Page };
  let bridge: { context: BrowserContext; page: Page };
  let runUrl = "";

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await setupAdminIfNeeded(page);
    for (const user of [LENA, MO, VAL]) await createUserViaUi(page, user);
    admin = { context, page };
  });

  test.afterAll(async () => {
    for (const c of [admin, lead, member, bridge]) await c?.context.close();
  });

  test("a lead creates a run from the seed runbook", async ({ browser }) => {
    lead = await signedInPage(browser, LENA);
    const page = lead.page;
    await page.goto("/runs/new");
    const submit = page.getByRole("button", { name: "Create run" });
    await waitForHydration(submit);
    await page.getByLabel("Name", { exact: true }).fill("MIDI Phase 9 production deploy");
    await page.getByLabel("Service", { exact: true }).fill("midi-api");
    await page.getByLabel("Version", { exact: true }).fill("9.0.0");
    await page.getByLabel("Commit", { exact: true }).fill("6eb59fa");
    await page.getByLabel("Planned start").fill("2026-12-01T14:00");
    await page.getByLabel("Deployment Lead").selectOption({ label: `${LENA.name} · Lead` });
    await submit.click();
    await page.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
    runUrl = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { name: "MIDI Phase 9 production deploy" })).toBeVisible();
    await expect(page.getByTestId("run-status")).toHaveText("Planned");
    await expect(page.getByTestId("run-phase")).toHaveCount(6);
  });

  test("a tick shows on the other lead's page and the bridge screen without reload", async ({ browser }) => {
    member = await signedInPage(browser, MO);
    await member.page.goto(runUrl);
    bridge = await signedInPage(browser, VAL, { width: 1920, height: 1080 });
    await bridge.page.goto(`${runUrl}/bridge`);
    for (const page of [lead.page, member.page, bridge.page]) {
      await expect(page.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
    }

    await lead.page.getByRole("button", { name: "Start deployment" }).click();
    await expect(member.page.getByTestId("run-status")).toHaveText("Pre-deployment");
    await expect(bridge.page.getByTestId("bridge-run-status")).toContainText("Pre-deployment");

    await lead.page.getByRole("button", { name: `Mark “${FIRST_ITEM}” done` }).click();
    await expect(item(member.page, FIRST_ITEM)).toHaveAttribute("data-state", "done");
    await expect(item(member.page, FIRST_ITEM).getByTestId("item-status")).toContainText(`Done by ${LENA.name}`);
    await expect(bridge.page.getByTestId("bridge-progress")).toContainText("1 of");
    await expect(bridge.page.getByTestId("bridge-events")).toContainText(FIRST_ITEM);
    await expect(member.page.getByTestId("timeline")).toContainText(FIRST_ITEM);

    // Undo is one click too, and travels the same way.
    await member.page.getByRole("button", { name: `Undo “${FIRST_ITEM}”` }).click();
    await expect(item(lead.page, FIRST_ITEM)).toHaveAttribute("data-state", "open");
    await lead.page.getByRole("button", { name: `Mark “${FIRST_ITEM}” done` }).click();
    await expect(item(member.page, FIRST_ITEM)).toHaveAttribute("data-state", "done");
  });

  test("skipping needs a reason, which everyone then sees", async () => {
    const backup = "Backup created";
    await member.page.getByRole("button", { name: `Skip “${backup}”` }).click();
    const confirm = item(member.page, backup).getByRole("button", { name: "Skip", exact: true });
    await expect(confirm).toBeDisabled();
    await member.page.getByLabel("Reason for skipping").fill("Nightly backup at 02:00 verified");
    await confirm.click();
    await expect(item(lead.page, backup)).toHaveAttribute("data-state", "skipped");
    await expect(item(lead.page, backup)).toContainText("Nightly backup at 02:00 verified");
  });

  test("moving on with required items open is refused with the reason", async () => {
    await lead.page.getByRole("button", { name: "Move to Staging" }).click();
    await expect(lead.page.getByRole("alert").filter({ hasText: "not complete" })).toContainText("Pre-Deployment is not complete");
    await expect(member.page.getByTestId("run-status")).toHaveText("Pre-deployment");
  });

  test("a viewer cannot tick: the UI offers nothing and the server refuses", async ({ baseURL }) => {
    const page = bridge.page;
    await page.goto(runUrl);
    await expect(page.getByRole("button", { name: `Mark “Monitoring dashboards open” done` })).toBeDisabled();
    await expect(page.getByRole("button", { name: /^Skip “/ })).toHaveCount(0);

    const cookie = (await bridge.context.cookies(baseURL)).map((c) => `${c.name}=${c.value}`).join("; ");
    const socket: Socket<TServerToClientEvents, TClientToServerEvents> = io(baseURL!, {
      transports: ["websocket"],
      reconnection: false,
      extraHeaders: { cookie },
    });
    try {
      const runId = runUrl.split("/").pop()!;
      const itemId = (await item(page, "Monitoring dashboards open").getAttribute("data-item-id")) ?? "";
      const reply = await new Promise<TAck<{ seq: number }>>((resolve) =>
        socket.emit("item:change", { runId, itemId, version: 0, action: { kind: "done" } }, resolve),
      );
      expect(reply).toMatchObject({ error: { code: "forbidden" } });
    } finally {
      socket.disconnect();
    }
    await expect(item(lead.page, "Monitoring dashboards open")).toHaveAttribute("data-state", "open");
  });

  test("presence: the war room and the bridge show who is in the room", async () => {
    await bridge.page.goto(`${runUrl}/bridge`); // the viewer test took this screen to the war room
    const holder = lead.page.getByTestId("presence-role").filter({ hasText: "Deployment Lead" });
    await expect(holder).toHaveAttribute("data-present", "true");
    await expect(holder).toContainText(`${LENA.name}`);
    await expect(lead.page.getByTestId("presence-other").filter({ hasText: MO.name })).toBeVisible();
    await expect(bridge.page.getByTestId("bridge-presence-role").filter({ hasText: "Deployment Lead" })).toHaveAttribute("data-present", "true");

    // The lead closes the tab: everyone sees the Deployment Lead away, then back.
    await lead.page.goto("/runs");
    await expect(member.page.getByTestId("presence-role").filter({ hasText: "Deployment Lead" })).toHaveAttribute("data-present", "false");
    await expect(bridge.page.getByTestId("bridge-presence-role").filter({ hasText: "Deployment Lead" })).toHaveAttribute("data-present", "false");
    await lead.page.goto(runUrl);
    await expect(member.page.getByTestId("presence-role").filter({ hasText: "Deployment Lead" })).toHaveAttribute("data-present", "true");
  });

  test("the keyboard path: n jumps to the next open item, x ticks and undoes, s asks for a reason", async () => {
    const page = member.page;
    await waitForHydration(page.getByRole("button", { name: `Undo “${FIRST_ITEM}”` }));
    await page.locator("body").click({ position: { x: 5, y: 300 } });
    await page.keyboard.press("n");
    const focusedItemId = () => page.evaluate(() => (document.activeElement?.closest('[data-testid="checklist-item"]') as HTMLElement | null)?.dataset.itemId ?? null);
    const firstOpen = await page.getByTestId("checklist-item").and(page.locator('[data-state="open"]')).first().getAttribute("data-item-id");
    expect(await focusedItemId()).toBe(firstOpen);
    const target = page.locator(`[data-item-id="${firstOpen}"]`);

    await page.keyboard.press("x");
    await expect(target).toHaveAttribute("data-state", "done");
    await expect(lead.page.locator(`[data-item-id="${firstOpen}"]`)).toHaveAttribute("data-state", "done");
    // A press while the tick is still in flight is ignored: wait for this page's acknowledgement.
    await expect(target.locator('[data-action="tick"]')).toHaveAttribute("aria-busy", "false");
    await page.keyboard.press("x");
    await expect(target).toHaveAttribute("data-state", "open");

    await page.keyboard.press("j");
    const next = await focusedItemId();
    expect(next).not.toBe(firstOpen);
    await page.keyboard.press("k");
    expect(await focusedItemId()).toBe(firstOpen);
    await page.keyboard.press("?");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(dialog).toContainText("next open item");
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    expect(await focusedItemId()).toBe(firstOpen); // focus is back on the item
    await page.keyboard.press("s");
    await expect(page.getByLabel("Reason for skipping")).toBeFocused();
    await page.keyboard.type("Covered by the staging run");
    await page.keyboard.press("Enter");
    await expect(lead.page.locator(`[data-item-id="${firstOpen}"]`)).toHaveAttribute("data-state", "skipped");
    await expect(page.getByLabel("Reason for skipping")).toHaveCount(0);
  });

  test("a change made on a stale screen is refused with the state that won, and rolls back", async () => {
    const contested = "Tech lead on standby";
    await expect(item(lead.page, contested)).toHaveAttribute("data-state", "open");
    // The lead's network drops; meanwhile Mo ticks the item.
    await lead.context.setOffline(true);
    await expect(lead.page.getByTestId("connection-indicator")).not.toHaveAttribute("data-state", "connected");
    await member.page.getByRole("button", { name: `Mark “${contested}” done` }).click();
    await expect(item(member.page, contested)).toHaveAttribute("data-state", "done");
    // Still offline, the lead marks it failed from what their screen shows; it is sent on reconnect.
    await lead.page.getByRole("button", { name: `Fail “${contested}”` }).click();
    await lead.page.getByLabel("What failed").fill("Slack is down");
    await lead.page.getByRole("button", { name: "Mark failed" }).click();
    await expect(item(lead.page, contested)).toHaveAttribute("data-state", "failed"); // optimistic
    await lead.context.setOffline(false);
    await expect(lead.page.getByRole("alert").filter({ hasText: "Not applied" })).toContainText(
      `“${contested}”: Not applied: someone changed it first. It is now done (${MO.name},`,
    );
    await expect(item(lead.page, contested)).toHaveAttribute("data-state", "done");
    await expect(item(member.page, contested)).toHaveAttribute("data-state", "done");
  });

  test("screenshots of the war room and the bridge screen", async () => {
    await lead.page.screenshot({ path: path.join(SCREENSHOTS, "war-room.png") });
    await bridge.page.goto(`${runUrl}/bridge`);
    await expect(bridge.page.getByTestId("bridge-progress")).toContainText("4 of");
    await expect(bridge.page.getByTestId("bridge-presence-role").first()).toHaveAttribute("data-present", "true");
    await bridge.page.screenshot({ path: path.join(SCREENSHOTS, "bridge.png") });
  });
});
