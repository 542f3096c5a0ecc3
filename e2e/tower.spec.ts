// The control tower and the calendar on screen, over the week `npm run demo:week` seeds: /now lists
// the run under way with its light, phase, checklist and lead, updates without a reload when an item
// is ticked in another page or a lock is taken, and says CONNECTION LOST when cut off; the calendar
// shows the checkout-api clash with its reason and the freeze shaded with its own; the new-run form
// warns of the clash while the window is picked; a viewer may watch /now, a status link may not.
import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { e2eDatabaseUrl } from "./support/e2e-database";
import { ADMIN, createStatusLinkViaUi, createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./support/fixtures";
import { installNetworkCut } from "./support/network-cut";

const SHOTS = process.env.TOWER_SHOTS_DIR ?? path.join(__dirname, ".screenshots", "tower");
const DAY_MS = 86_400_000;
/** The seeder's days (lib/demo/seed-week.ts): the clash two days on, the freeze four days on. */
const dayOf = (offset: number) => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + offset * DAY_MS).toISOString().slice(0, 10);
const UNDER_WAY = "Week: billing 4.9.0";
const VIEWER: TNewUser = { name: "Vic Viewer", email: "vic@tower.test", password: "vic-password-123", role: "viewer" };

test.describe.configure({ mode: "serial" });

async function signedIn(browser: Browser, email: string, password: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, timezoneId: "UTC" });
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  mkdirSync(SHOTS, { recursive: true });
  const page = await browser.newPage();
  await setupAdminIfNeeded(page);
  await page.close();
  // The seeder itself, as a person runs it, on the e2e server's database.
  await promisify(execFile)("npm", ["run", "demo:week"], { env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() }, timeout: 220_000 });
});

test("/now shows every run under way and updates live from another page; a lost connection shows as lost", async ({ browser }) => {
  test.setTimeout(120_000);
  const now = await signedIn(browser, ADMIN.email, ADMIN.password);
  const cut = await installNetworkCut(now.context());
  await now.goto("/now");
  const row = now.getByTestId("tower-active").getByTestId("tower-row").filter({ hasText: UNDER_WAY });
  await expect(row.getByTestId("tower-phase")).toHaveText("Staging Deployment");
  await expect(row.getByTestId("tower-lead")).toHaveText("Cy Moreau");
  await expect(row.getByTestId("tower-light")).toHaveAttribute("data-word", /.+/);
  // Each side of the clash names the other.
  await expect(now.getByTestId("tower-upcoming").getByTestId("window-conflict").filter({ hasText: "Overlaps “Week: checkout-api 2.6.1 hotfix”" })).toHaveCount(1);
  await expect(now.getByTestId("tower-upcoming").getByTestId("window-conflict").filter({ hasText: "Overlaps “Week: checkout-api 2.6.0”" })).toHaveCount(1);
  await expect(now.getByTestId("tower-freeze").filter({ hasText: "Week demo: year-end change freeze" })).toBeVisible();
  await expect(now.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
  await now.screenshot({ path: path.join(SHOTS, "now-1440.png"), fullPage: true });

  // Ticked in the war room, in another page: the tower's count moves without a reload.
  const [done, total] = (await row.getByTestId("tower-checklist").innerText()).match(/\d+/g)!.map(Number);
  await now.evaluate(() => ((window as { towerMark?: number }).towerMark = 1));
  const warRoom = await now.context().newPage();
  await warRoom.goto((await row.getByRole("link").first().getAttribute("href"))!);
  const item = warRoom.locator('[data-testid="run-phase"][data-phase-key="staging"] [data-testid="checklist-item"][data-state="open"]').first();
  const itemId = await item.getAttribute("data-item-id");
  await waitForHydration(item.locator('[data-action="tick"]'));
  await item.locator('[data-action="tick"]').click();
  await expect(warRoom.locator(`[data-item-id="${itemId}"]`)).toHaveAttribute("data-state", "done");
  await expect(row.getByTestId("tower-checklist")).toHaveText(`${done + 1} of ${total} items`);

  // A lock taken on a service nobody is deploying reaches the tower too.
  await warRoom.goto("/locks");
  const lockForm = warRoom.getByRole("form", { name: "Lock a service" });
  await waitForHydration(lockForm.getByRole("button", { name: "Lock" }));
  await lockForm.getByLabel("Service").fill("tower-e2e-svc");
  await lockForm.getByLabel("Reason").fill("Schema migration");
  await lockForm.getByRole("button", { name: "Lock" }).click();
  await expect(now.getByTestId("tower-lock").filter({ hasText: "tower-e2e-svc" })).toContainText("Schema migration");
  expect(await now.evaluate(() => (window as { towerMark?: number }).towerMark)).toBe(1);
  await warRoom.getByTestId("lock-row").filter({ hasText: "tower-e2e-svc" }).getByRole("button", { name: /Release/ }).click();
  await expect(now.getByTestId("tower-lock").filter({ hasText: "tower-e2e-svc" })).toHaveCount(0);

  // Cut off, the board says so and loses its colour; back, it is live again.
  await cut.cut();
  await expect(now.getByTestId("connection-lost")).toBeVisible();
  await expect(now.getByTestId("tower")).toHaveAttribute("data-stale", "true");
  await now.screenshot({ path: path.join(SHOTS, "now-connection-lost.png") });
  await cut.restore();
  await expect(now.getByTestId("connection-lost")).toHaveCount(0, { timeout: 20_000 });

  const tv = await signedIn(browser, ADMIN.email, ADMIN.password, { width: 1920, height: 1080 });
  await tv.goto("/now/tv");
  await expect(tv.getByTestId("tower-row").filter({ hasText: UNDER_WAY }).getByTestId("tower-phase")).toHaveText("Staging Deployment");
  await expect(tv.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
  await tv.screenshot({ path: path.join(SHOTS, "now-tv-1920.png") });
});

test("the calendar shows the clash with its reason and the freeze shaded; the new-run form warns of the clash", async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await signedIn(browser, ADMIN.email, ADMIN.password);
  await page.goto(`/calendar?view=week&date=${dayOf(2)}`);
  const clashDay = page.locator(`[data-testid="calendar-day"][data-day="${dayOf(2)}"]`);
  const clashing = clashDay.locator('[data-testid="calendar-run"][data-conflicted="true"]');
  await expect(clashing).toHaveCount(2);
  await expect(clashDay.getByTestId("window-conflict").filter({ hasText: "Overlaps “Week: checkout-api 2.6.1 hotfix”" })).toContainText("two runs of checkout-api at once");
  await expect(page.getByTestId("calendar-conflict-summary")).toContainText("2 runs have a conflicting window");
  await page.screenshot({ path: path.join(SHOTS, "calendar-week.png"), fullPage: true });

  await page.goto(`/calendar?view=month&date=${dayOf(4)}`);
  const frozen = page.locator(`[data-testid="calendar-day"][data-day="${dayOf(4)}"]`);
  await expect(frozen).toHaveAttribute("data-frozen", "true");
  await expect(frozen.getByTestId("calendar-freeze")).toContainText("Frozen all day (every service): Week demo: year-end change freeze");
  await page.screenshot({ path: path.join(SHOTS, "calendar-month.png"), fullPage: true });

  await page.goto("/runs/new");
  await waitForHydration(page.getByRole("button", { name: "Create run" }));
  await page.getByLabel("Service", { exact: true }).fill("checkout-api");
  await page.getByLabel("Planned start").fill(`${dayOf(2)}T10:00`);
  await page.getByLabel("Expected duration (minutes)").fill("60");
  await expect(page.getByTestId("window-conflicts-note")).toContainText("Overlaps “Week: checkout-api 2.6.0”");
  await page.screenshot({ path: path.join(SHOTS, "new-run-conflict.png"), fullPage: true });
});

test("a viewer may watch /now; a status link's holder may not", async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await signedIn(browser, ADMIN.email, ADMIN.password);
  await createUserViaUi(admin, VIEWER);
  const viewer = await signedIn(browser, VIEWER.email, VIEWER.password);
  await viewer.goto("/now");
  await expect(viewer.getByTestId("tower-row").filter({ hasText: UNDER_WAY })).toBeVisible();
  await expect(viewer.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");

  await admin.goto("/now");
  const runPath = await admin.getByTestId("tower-row").filter({ hasText: UNDER_WAY }).getByRole("link").first().getAttribute("href");
  await admin.goto(`${runPath}/share`);
  const statusUrl = await createStatusLinkViaUi(admin, "Tower e2e stakeholders");
  const stakeholder = await (await browser.newContext()).newPage();
  await stakeholder.goto(new URL(statusUrl).pathname);
  await expect(stakeholder.getByTestId("status-run-name")).toHaveText(UNDER_WAY);
  for (const tower of ["/now", "/now/tv"]) {
    await stakeholder.goto(tower);
    await expect(stakeholder).toHaveURL(/\/sign-in/);
    await expect(stakeholder.getByTestId("tower")).toHaveCount(0);
  }
});
