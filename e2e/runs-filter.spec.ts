// The runs list with a long history: filters and search in the URL (a filtered list is a link to
// share), pages of 50 newest first with "Older runs", and a hand-edited link refused with a message
// that names the bad parameter instead of an error page.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { seedRunsStatements } from "./support/seed-history";
import { withE2eDatabase } from "./support/e2e-database";
import { createRunViaUi, createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser } from "./support/fixtures";

const SHOTS = process.env.SHOTS_DIR ?? path.join(__dirname, ".screenshots", "runs-filter");
const RITA: TNewUser = { name: "Rita Runs", email: "rita@runs-filter.test", password: "rita-password-123", role: "lead" };

test("a lead narrows a long runs list by service, status and text, pages back, and shares the link", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await setupAdminIfNeeded(page);
  await createUserViaUi(page, RITA);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const lead = await context.newPage();
  await signIn(lead, RITA.email, RITA.password);
  const runPath = await createRunViaUi(lead, { name: "Filter anchor", service: "filters-anchor", version: "1.0.0", leadName: RITA.name });
  const anchorId = runPath.split("/").pop()!;
  // 130 runs over two services: "filters-pay" gets 65, more than a page of 50.
  await withE2eDatabase(async (client) => {
    for (const { text, values } of seedRunsStatements(anchorId, 130, { prefix: "flt", services: ["filters-pay", "filters-ledger"], name: "Filtered release" })) await client.query(text, values);
  });

  // By service: 50 on the first page, the newest first, and a way to older runs.
  await lead.goto("/runs?service=filters-pay");
  await expect(lead.getByTestId("run-row")).toHaveCount(50);
  await expect(lead.getByTestId("runs-page-summary")).toHaveText("50 runs newest first; older runs on the next page.");
  await expect(lead.getByTestId("run-row").first()).toContainText("Filtered release 130");
  await lead.getByTestId("runs-older").click();
  await expect(lead).toHaveURL(/service=filters-pay&after=/);
  await expect(lead.getByTestId("run-row")).toHaveCount(15);
  await expect(lead.getByTestId("runs-older")).toHaveCount(0);
  await expect(lead.getByTestId("run-row").last()).toContainText("Filtered release 2");
  await lead.getByRole("link", { name: "Newest runs" }).first().click();
  await expect(lead.getByTestId("run-row")).toHaveCount(50);

  // The form writes the filters into the URL; the same URL in another browser shows the same list.
  const form = lead.getByRole("search", { name: "Filter runs" });
  await form.getByLabel("Search name, service or version").fill("release 12");
  await form.getByLabel("Status").selectOption({ label: "Completed" });
  await form.getByRole("button", { name: "Filter" }).click();
  await expect(lead).toHaveURL(/q=release\+12.*status=completed/);
  const rows = lead.getByTestId("run-row");
  // Names "Filtered release 12" and 120–129 of filters-pay (even numbers) that completed.
  await expect(rows).not.toHaveCount(0);
  for (const text of await rows.allInnerTexts()) {
    expect(text).toMatch(/Filtered release 12\d?/);
    expect(text).toContain("filters-pay");
    expect(text).toContain("Completed");
  }
  await expect(form.getByLabel("Status")).toHaveValue("completed");
  await lead.screenshot({ path: path.join(SHOTS, "runs-filtered-1440.png") });
  const shared = lead.url();
  const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const viewerPage = await other.newPage();
  await signIn(viewerPage, RITA.email, RITA.password);
  await viewerPage.goto(shared);
  expect(await viewerPage.getByTestId("run-row").allTextContents()).toEqual(await rows.allTextContents());
  await other.close();

  // A date range: nothing planned that long ago.
  await lead.goto("/runs?from=2001-01-01&to=2001-01-31");
  await expect(lead.getByTestId("runs-empty")).toHaveText("No run matches these filters.");

  // A hand-edited link: a clear message naming each bad parameter, not an error page.
  const response = await lead.goto("/runs?status=shipped&from=2026-02-31&after=nonsense");
  expect(response?.status()).toBeLessThan(500);
  const problems = lead.getByTestId("runs-filter-problems");
  await expect(problems).toContainText("status must be one of planned");
  await expect(problems).toContainText("from is not a calendar date");
  await expect(problems).toContainText("after is not a page of this list");
  await lead.screenshot({ path: path.join(SHOTS, "runs-bad-link-1440.png") });
  await problems.getByRole("link", { name: "Show all runs" }).click();
  await expect(lead.getByTestId("run-row").first()).toBeVisible();
  await context.close();
});
