// A rollback trigger pulled before production (here: pre-deployment) raises the banner, but nothing is in
// production to roll back: the banner offers no "Roll back…" (it would only be refused) and says what
// the way out is — Abort… or Reschedule… in the header, or Continue… with a reason. Once production
// starts, the same banner offers the one rollback action.
import path from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { command, openPreDeploymentRoom, type TClient } from "./support/a11y-arrange";

const SCREENSHOTS = path.join(__dirname, ".screenshots");

test.describe.configure({ timeout: 120_000 });

test.describe.serial("a rollback trigger before production", () => {
  let context: BrowserContext;
  let page: Page;
  let socket: TClient;
  let runId = "";

  test.beforeAll(async ({ browser, baseURL }) => {
    ({ context, page, socket, runId } = await openPreDeploymentRoom(browser, baseURL!, "Trigger before production"));
  });

  test.afterAll(async () => {
    socket?.close();
    await context?.close();
  });

  test("the banner offers no rollback and names the way out", async () => {
    await command(socket, "rollback:trigger", { runId, label: "Data corruption detected", note: "Staging orders table shows duplicates" });
    const banner = page.getByTestId("rollback-banner");
    await expect(banner).toContainText("ROLLBACK RECOMMENDED");
    await expect(banner.getByTestId("rollback-before-production")).toContainText("Nothing is in production yet");
    await expect(banner.getByRole("button", { name: /Roll back/ })).toHaveCount(0);
    await expect(banner.getByRole("button", { name: "Continue…" })).toBeVisible();
    await expect(page.getByTestId("run-controls").getByRole("button", { name: "Abort…" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Roll back/ })).toHaveCount(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "rollback-before-production.png") });
  });
});
