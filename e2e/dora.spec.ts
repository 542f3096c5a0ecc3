// DORA's four keys on screen: `npm run demo:history` writes eight weeks of past runs; /insights shows
// the four keys with their 2024 bands; a lead marks a healthy run faulty on its record, the record
// and the runs list say FAULTY, and the change failure rate on /insights rises.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, type Page, test } from "@playwright/test";
import { e2eDatabaseUrl } from "./support/e2e-database";
import { setupAdminIfNeeded, waitForHydration } from "./support/fixtures";

const SCREENSHOTS = path.join(__dirname, ".screenshots", "dora");
const KEYS = ["deploymentFrequency", "changeFailureRate", "recoveryTime", "leadTime"] as const;

/** The overall change failure rate as shown, and its "N of M deployments" line. */
async function changeFailureRate(page: Page): Promise<{ percent: number; failures: number; deployments: number }> {
  await page.goto("/insights");
  const card = page.getByTestId("dora-key-changeFailureRate");
  const value = await card.getByTestId("dora-value").innerText();
  const detail = /(\d+) of (\d+) deployments/.exec(await card.innerText());
  expect(detail, "the card says how many deployments failed").not.toBeNull();
  return { percent: Number.parseFloat(value), failures: Number(detail![1]), deployments: Number(detail![2]) };
}

test("the four keys with their bands, and a run marked faulty moves the change failure rate", async ({ page }) => {
  test.setTimeout(300_000);
  await setupAdminIfNeeded(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  // The seeder the README names, on this server's database.
  await promisify(execFile)(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "lib/cli/demo-history.ts"], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
    timeout: 240_000,
  });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insights" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("DORA's four keys");
  await expect(page.getByTestId("dora-source")).toHaveText("2024 Accelerate State of DevOps Report");
  for (const key of KEYS) {
    const card = page.getByTestId(`dora-key-${key}`);
    await expect(card.getByTestId("dora-value")).not.toHaveText("—");
    await expect(card.getByTestId("dora-band")).toHaveAttribute("data-band", /^(elite|high|medium|low)$/);
    await expect(card.locator(".recharts-bar-rectangle").first()).toBeVisible();
  }
  // Every seeded service with its own bands (runs of other specs may add their services); a staging
  // budget the runs overshoot.
  for (const service of ["checkout-api", "payments", "search"]) {
    await expect(page.getByTestId("dora-service-row").filter({ hasText: service })).toHaveCount(1);
  }
  await expect(page.getByTestId("phase-budget").filter({ hasText: "Staging Deployment" })).toHaveAttribute("data-verdict", "over");
  await page.screenshot({ path: path.join(SCREENSHOTS, "insights-1440.png"), fullPage: true });
  const before = await changeFailureRate(page);

  // A healthy checkout run from three weeks ago, found faulty now (searched for: other specs' runs may
  // push it past the list's first page).
  const runsMatching = `/runs?q=${encodeURIComponent("History · checkout-api 3.24.0")}`;
  await page.goto(runsMatching);
  const row = page.getByTestId("run-row").filter({ hasText: "History · checkout-api 3.24.0" });
  await expect(row.getByTestId("validation-state")).toHaveAttribute("data-state", "healthy");
  const href = await row.getByRole("link", { name: "History · checkout-api 3.24.0" }).getAttribute("href");
  await page.goto(`${href}/record`);
  const panel = page.getByTestId("record-validation");
  await expect(panel.getByTestId("validation-state")).toHaveAttribute("data-state", "healthy");
  await waitForHydration(panel.getByTestId("mark-faulty"));
  await panel.getByTestId("mark-faulty").click();
  const dialog = page.getByTestId("mark-faulty-dialog");
  await dialog.getByLabel("What was found wrong?").fill("Coupon totals rounded wrongly since this release (incident 2240)");
  await dialog.getByRole("button", { name: "Mark faulty" }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId("validation-state")).toHaveAttribute("data-state", "faulty");
  await expect(panel.getByTestId("faulty-reason")).toContainText("Coupon totals rounded wrongly since this release (incident 2240)");
  await expect(panel.getByTestId("mark-faulty")).toHaveCount(0);
  await page.screenshot({ path: path.join(SCREENSHOTS, "record-faulty-1440.png") });

  await page.goto(runsMatching);
  await expect(page.getByTestId("run-row").filter({ hasText: "History · checkout-api 3.24.0" }).getByTestId("validation-state")).toHaveAttribute("data-state", "faulty");

  const after = await changeFailureRate(page);
  expect(after.deployments).toBe(before.deployments);
  expect(after.failures).toBe(before.failures + 1);
  expect(after.percent).toBeGreaterThan(before.percent);
});
