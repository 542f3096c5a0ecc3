// Screens agree when their clocks do not: a bridge whose computer runs 3 minutes slow shows the same
// clock and phase timer as a correct one, because every countdown reads the server's time
// (learnt from its heartbeats) rather than the browser's.
import path from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { command, createRunViaUi, socketFor, type TClient } from "./support/a11y-arrange";
import { setupAdminIfNeeded } from "./support/fixtures";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const TV = { width: 1920, height: 1080 };
const SKEW_MS = -3 * 60_000;

/** The first m:ss or h:mm:ss in the text ("0:11 / 1h 00m", "Current time: 11:02:03 UTC") → seconds. */
const seconds = (text: string) => (text.match(/\d+(?::\d\d)+/)?.[0] ?? "").split(":").reduce((total, part) => total * 60 + Number(part), 0);

// Several browsers, a real server and waits on real time: more than the default 30 s on a shared machine.
test.describe.configure({ timeout: 120_000 });

test.describe.serial("countdowns against the server's clock", () => {
  const contexts: BrowserContext[] = [];
  let socket: TClient;

  test.afterAll(async () => {
    socket?.close();
    for (const context of contexts) await context.close();
  });

  test("a bridge 3 minutes slow shows the same clock and phase timer as a correct one", async ({ browser, baseURL }) => {
    const admin = await browser.newContext();
    contexts.push(admin);
    const page = await admin.newPage();
    await setupAdminIfNeeded(page);
    const runId = await createRunViaUi(page, "Clock skew drill");
    socket = await socketFor(admin, baseURL!);
    await command(socket, "run:status", { runId, to: "pre_deployment", version: 0 });

    const openBridge = async (skewMs: number): Promise<Page> => {
      const context = await browser.newContext({ viewport: TV, storageState: await admin.storageState() });
      contexts.push(context);
      // The whole page's Date runs skewed, as on a computer whose clock is wrong.
      await context.addInitScript((shift) => {
        const RealDate = Date;
        class SkewedDate extends RealDate {
          constructor(...args: unknown[]) {
            if (args.length === 0) super(RealDate.now() + shift);
            else super(...(args as [number]));
          }
          static now() {
            return RealDate.now() + shift;
          }
        }
        globalThis.Date = SkewedDate as DateConstructor;
      }, skewMs);
      const bridge = await context.newPage();
      await bridge.goto(`/runs/${runId}/bridge`);
      await expect(bridge.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
      return bridge;
    };
    const correct = await openBridge(0);
    const slow = await openBridge(SKEW_MS);
    expect(await slow.evaluate(() => Date.now() - performance.timeOrigin - performance.now())).toBeLessThan(-170_000);

    // Read both screens together; they tick on their own seconds, so allow one second between them.
    const read = async (testId: string) => Promise.all([correct, slow].map(async (p) => seconds((await p.getByTestId(testId).textContent())!)));
    await expect.poll(async () => {
      const [a, b] = await read("bridge-clock");
      return Math.abs(a - b);
    }).toBeLessThanOrEqual(1);
    await expect.poll(async () => {
      const [a, b] = await read("bridge-phase-timer");
      return Math.abs(a - b);
    }).toBeLessThanOrEqual(1);
    const [elapsed] = await read("bridge-phase-timer");
    expect(elapsed).toBeGreaterThan(0);
    await slow.screenshot({ path: path.join(SCREENSHOTS, "bridge-clock-3-min-slow.png") });
    await correct.screenshot({ path: path.join(SCREENSHOTS, "bridge-clock-correct.png") });
  });
});
