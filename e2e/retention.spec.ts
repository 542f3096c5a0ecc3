// Screens left open all day keep a bounded amount in memory, whatever arrives: a bridge TV, a lead's
// war room and a stakeholder's status link are fed 10,000 live samples of four series and 260 timeline
// events while open, then the counts each publishes of what it holds (data-retained-*, read by
// bench:soak too) stay at the compaction bound and the timeline limit — not at everything sent.
// Counts, not timings or heap sizes: a regression that kept every live sample fails here on any machine.
import path from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { MAX_RETAINED_POINTS } from "../lib/domain/metric-charts";
import { TIMELINE_LIMIT } from "../lib/domain/run-snapshot";
import { retainedCounts } from "./bench/page-heap";
import { createRunViaUi, createStatusLinkViaUi, createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./support/fixtures";
import { sendCommand } from "./support/socket-command";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const RAE: TNewUser = { name: "Rae Retention", email: "rae@retention.test", password: "rae-password-123", role: "lead" };
const SERIES = [
  ["error_rate", "canary"],
  ["error_rate", "production"],
  ["response_time_p95", "canary"],
  ["response_time_p95", "production"],
] as const;
const INSTANTS = 2500;
const EVENTS = TIMELINE_LIMIT + 60;
/** The canary's last error rate: the bridge showing it means every batch before it was folded in. */
const LAST_VALUE = 9.87;

test.describe.serial("screens left open keep a bounded amount in memory", () => {
  let lead: { context: BrowserContext; page: Page };
  let runId = "";
  let token = "";
  let statusUrl = "";

  test.beforeAll(async ({ browser }) => {
    // Setup, a user, a run, a token and a status link through the UI: on a loaded machine this can pass 30 s.
    test.setTimeout(120_000);
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await setupAdminIfNeeded(admin);
    await createUserViaUi(admin, RAE);
    await adminContext.close();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    lead = { context, page: await context.newPage() };
    await signIn(lead.page, RAE.email, RAE.password);
    const runPath = await createRunViaUi(lead.page, { name: "Ledger 7 all-day rollout", service: "ledger-api", version: "7.0.0", leadName: RAE.name });
    runId = runPath.split("/").pop()!;
    const panel = lead.page.getByTestId("metrics-panel");
    await panel.getByText(/^API tokens/).click();
    await waitForHydration(panel.getByRole("button", { name: "Create token" }));
    await panel.getByLabel("Token name").fill("e2e-retention");
    await panel.getByRole("button", { name: "Create token" }).click();
    token = (await panel.getByTestId("new-token").textContent())!.trim();
    await lead.page.goto(`${runPath}/share`);
    statusUrl = await createStatusLinkViaUi(lead.page, "Finance");
  });

  test.afterAll(async () => {
    await lead?.context.close();
  });

  test("a bridge, a war room and a status link fed 10,000 samples and 260 events hold the bound, not everything", async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    const now = Date.now();
    // A first batch so every screen has its charts, then the screens open and the rest arrives live.
    const batchOf = (from: number, to: number, last = false) =>
      Array.from({ length: to - from }, (_, i) => from + i).flatMap((instant) =>
        SERIES.map(([metric, stage], s) => ({
          metric,
          stage,
          timestamp: new Date(now - (INSTANTS - instant) * 1000).toISOString(),
          value: last && instant === to - 1 && s === 0 ? LAST_VALUE : metric === "error_rate" ? 0.2 + (instant % 7) / 100 : 400 + (instant % 11),
        })),
      );
    const push = async (samples: unknown[]) => {
      const response = await lead.page.request.post(`/api/runs/${runId}/metrics`, { headers: { authorization: `Bearer ${token}` }, data: { samples } });
      expect(response.status(), await response.text()).toBe(200);
    };
    await push(batchOf(0, 10));

    const bridgeContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, storageState: await lead.context.storageState() });
    const bridge = await bridgeContext.newPage();
    await bridge.goto(`/runs/${runId}/bridge`);
    await expect(bridge.getByTestId("bridge-metrics")).toBeVisible();
    const statusContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const status = await statusContext.newPage();
    await status.goto(statusUrl);
    await expect(status.getByTestId("status-charts")).toBeVisible();
    const warRoom = lead.page;
    await warRoom.goto(`/runs/${runId}`);
    await expect(warRoom.getByTestId("timeline")).toBeVisible();
    await expect(warRoom.getByTestId("metrics-panel")).not.toHaveAttribute("data-retained-points", "0");

    // 50 instants of 4 series per request: fifty live batches of 200 samples to every screen.
    const perBatch = 50;
    for (let from = 10; from < INSTANTS; from += perBatch) await push(batchOf(from, Math.min(INSTANTS, from + perBatch), from + perBatch >= INSTANTS));

    // Timeline events through the command path: one item ticked and reopened, over and over.
    const cookie = (await lead.context.cookies(baseURL)).map((c) => `${c.name}=${c.value}`).join("; ");
    const socket: Socket = io(baseURL!, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie } });
    await new Promise<void>((resolve, reject) => {
      socket.on("session:ready", () => resolve());
      socket.on("connect_error", reject);
    });
    const snapshot = (await (await lead.page.request.get(`/api/runs/${runId}`)).json()) as { phases: { sections: { intervalMinutes: number | null; items: { id: string; version: number }[] }[] }[] };
    const item = snapshot.phases.flatMap((p) => p.sections.filter((s) => s.intervalMinutes === null).flatMap((s) => s.items))[0];
    let lastSeq = 0;
    for (let i = 0; i < EVENTS; i++) {
      const reply = await sendCommand(socket, "item:change", { runId, itemId: item.id, version: item.version + i, action: i % 2 === 0 ? { kind: "done" } : { kind: "reopen" }, commandId: crypto.randomUUID() });
      expect(reply).toHaveProperty("data.seq");
      lastSeq = (reply as { data: { seq: number } }).data.seq;
    }
    socket.close();

    // Everything has arrived: the newest event heads the war room's timeline, the last sample is on the bridge and the status page.
    await expect(warRoom.getByTestId("timeline").locator("li").first()).toHaveAttribute("data-seq", String(lastSeq));
    await expect(bridge.locator('[data-testid="bridge-metric"][data-metric="error_rate"]')).toContainText(`${LAST_VALUE}%`);
    await expect(status.locator('[data-testid="status-chart"][data-metric="error_rate"]')).toContainText(`${LAST_VALUE}%`);
    await expect(bridge.getByTestId("bridge-events")).toHaveAttribute("data-retained-events", String(TIMELINE_LIMIT));

    const sent = INSTANTS * SERIES.length;
    const bound = SERIES.length * MAX_RETAINED_POINTS;
    for (const [name, page] of [["bridge", bridge], ["war room", warRoom], ["status link", status]] as const) {
      const retained = await retainedCounts(page);
      expect(retained.points, `${name}: points held of ${sent} sent`).toBeGreaterThan(SERIES.length * 500);
      expect(retained.points, `${name}: points held of ${sent} sent`).toBeLessThanOrEqual(bound);
      expect(retained.events, `${name}: events held of ${EVENTS} sent`).toBeLessThanOrEqual(TIMELINE_LIMIT);
    }
    await bridge.screenshot({ path: path.join(SCREENSHOTS, "retention-bridge.png") });
    await bridgeContext.close();
    await statusContext.close();
  });
});
