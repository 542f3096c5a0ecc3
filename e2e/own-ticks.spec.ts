// The lead's own screen: a tick shows once and stays (no done → open → done while the echo is on its
// way), a double-click is one tick, two key presses act on what is shown, focus comes back to the item
// after a skip note or Esc, and a tick or a vote made offline says it is waiting, then that it was sent.
import path from "node:path";
import { type BrowserContext, expect, type Locator, type Page, test } from "@playwright/test";
import { arrangePoll, createRunViaUi, openPreDeploymentRoom, type TClient } from "./support/a11y-arrange";
import { ADMIN } from "./support/fixtures";
import { installNetworkCut, type TNetworkCut } from "./support/network-cut";

const SCREENSHOTS = path.join(__dirname, ".screenshots");

// Several browsers, a real server and waits on real time: more than the default 30 s on a shared machine.
test.describe.configure({ timeout: 120_000 });

test.describe.serial("own ticks on the war room", () => {
  let context: BrowserContext;
  let page: Page;
  let socket: TClient;
  let network: TNetworkCut;
  let runId = "";
  const items = () => page.locator('[data-testid="run-phase"][data-phase-key="pre_deployment"] [data-testid="checklist-item"]');
  const timeline = () => page.getByTestId("timeline");

  /** Every data-state the item takes from now on, in order (a MutationObserver on the element). */
  async function recordStates(item: Locator): Promise<() => Promise<string[]>> {
    const id = await item.getAttribute("data-item-id");
    await item.evaluate((el, key) => {
      const seen = [el.getAttribute("data-state")!];
      (window as unknown as Record<string, string[]>)[key] = seen;
      new MutationObserver(() => {
        seen.push(el.getAttribute("data-state")!);
      }).observe(el, { attributes: true, attributeFilter: ["data-state"] });
    }, `states-${id}`);
    return () => page.evaluate((key) => [...(window as unknown as Record<string, string[]>)[key]], `states-${id}`);
  }

  /** Waits until the item shows what the server committed (its line names who changed it). */
  const committed = (item: Locator) => expect(item.getByTestId("item-status")).toContainText(`by ${ADMIN.name}`);

  test.beforeAll(async ({ browser, baseURL }) => {
    // The first spec of a run also does the first-run setup on a cold server.
    test.setTimeout(120_000);
    ({ context, page, socket, runId } = await openPreDeploymentRoom(browser, baseURL!, "Own ticks drill", async (c: BrowserContext) => {
      network = await installNetworkCut(c);
    }));
  });

  test.afterAll(async () => {
    socket?.close();
    await context?.close();
  });

  test("a click goes open → done exactly once, through the ack and the echo", async () => {
    const item = items().nth(0);
    const states = await recordStates(item);
    await item.locator('[data-action="tick"]').click();
    await committed(item);
    await expect(item.getByTestId("item-status")).toContainText("Done");
    expect(await states()).toEqual(["open", "done"]);
  });

  test("a double-click is one tick: done, and nobody reopened it", async () => {
    const item = items().nth(1);
    const text = (await item.locator("p").first().textContent())!.replace("(optional)", "").trim();
    const states = await recordStates(item);
    await item.locator('[data-action="tick"]').dblclick();
    await committed(item);
    await expect(timeline()).toContainText(`${ADMIN.name} ticked “${text}”`);
    expect(await states()).toEqual(["open", "done"]);
    await expect(timeline()).not.toContainText(`reopened “${text}”`);
    await expect(item).toHaveAttribute("data-state", "done");
  });

  test("two presses of x act on what is shown: tick, then undo, with no refusal", async () => {
    const item = items().nth(2);
    const states = await recordStates(item);
    await item.locator('[data-action="tick"]').focus();
    await page.keyboard.press("x");
    await page.keyboard.press("x");
    await expect(timeline()).toContainText(/reopened/);
    await expect(item).toHaveAttribute("data-state", "open");
    await expect(page.getByRole("alert").filter({ hasText: "⚠" })).toHaveCount(0);
    expect(await states()).toEqual(["open", "done", "open"]);
  });

  test("after a skip note (s, reason, Enter) or Esc, focus is back on the item and the next key works", async () => {
    const item = items().nth(3);
    const tick = item.locator('[data-action="tick"]');
    await tick.focus();
    await page.keyboard.press("s");
    await expect(page.getByLabel("Reason for skipping")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(tick).toBeFocused();

    await page.keyboard.press("s");
    await page.getByLabel("Reason for skipping").fill("Covered by the staging check");
    await page.keyboard.press("Enter");
    await expect(item).toHaveAttribute("data-state", "skipped");
    await expect(tick).toBeFocused();
    // The next key acts on this item: j moves on to the one after it.
    await page.keyboard.press("j");
    await expect(items().nth(4).locator('[data-action="tick"]')).toBeFocused();
  });

  test("a tick made offline says it is waiting to send, then Sent", async () => {
    const item = items().nth(5);
    await network.cut();
    await expect(page.getByTestId("connection-lost")).toBeVisible({ timeout: 5000 });
    await item.locator('[data-action="tick"]').click();
    const note = item.getByTestId("send-state");
    await expect(note).toHaveAttribute("data-state", "waiting");
    await expect(note).toContainText("Waiting to send");
    await page.screenshot({ path: path.join(SCREENSHOTS, "war-room-tick-waiting.png") });
    await network.restore();
    await expect(note).toHaveAttribute("data-state", "sent", { timeout: 20_000 });
    await committed(item);
    await page.screenshot({ path: path.join(SCREENSHOTS, "war-room-tick-sent.png") });
  });

  test("a vote made offline says it is waiting to send, then Sent", async () => {
    const pollRunId = await createRunViaUi(page, "Offline vote drill");
    await arrangePoll(page, socket, socket, pollRunId);
    await expect(page.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
    const go = page.getByRole("button", { name: "GO on “Ready for production?” as Tech Lead", exact: true });
    await expect(go).toBeEnabled();
    await network.cut();
    await expect(page.getByTestId("connection-lost")).toBeVisible({ timeout: 5000 });
    await go.click();
    const note = page.getByTestId("poll-send-state");
    await expect(note).toHaveAttribute("data-state", "waiting");
    await expect(note).toContainText("Waiting to send");
    await page.screenshot({ path: path.join(SCREENSHOTS, "war-room-vote-waiting.png") });
    await network.restore();
    await expect(note).toHaveAttribute("data-state", "sent", { timeout: 20_000 });
    await expect(page.locator('[data-testid="roll-call-cell"][data-position="tech_lead"][data-question="0"]')).toHaveAttribute("data-answer", "go");
  });
});
