// The operator's forms (issue 17, items 12–13): a refused invite keeps what was typed, sign-in returns
// to the deep link (and never off-site), and rollout steps are edited in the template editor, checked
// as increasing and ending at 100%. Screens are saved under e2e/.screenshots/operator/.
import path from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { createRunViaUi } from "./support/a11y-arrange";
import { ADMIN, setupAdminIfNeeded, waitForHydration } from "./support/fixtures";

const SHOTS = path.join(__dirname, ".screenshots", "operator");
const DESKTOP = { width: 1440, height: 900 };

test.describe.serial("the operator's forms", () => {
  let context: BrowserContext;
  let page: Page;
  let underwayId = "";

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    context = await browser.newContext({ viewport: DESKTOP });
    page = await context.newPage();
    await setupAdminIfNeeded(page);
    underwayId = await createRunViaUi(page, "Payments 7.2 production deploy");
  });

  test.afterAll(async () => {
    await context?.close();
  });

  test("12 · a refused invite keeps what was typed; a deep link survives signing in", async ({ browser }) => {
    await page.goto("/admin/users");
    const form = page.getByRole("form", { name: "Invite user" });
    const submit = form.getByRole("button", { name: "Invite user" });
    await waitForHydration(submit);
    await form.getByLabel("Name", { exact: true }).fill("Ada Again");
    await form.getByLabel("Email").fill(ADMIN.email);
    await form.getByLabel("Role", { exact: true }).selectOption({ label: "Lead" });
    await submit.click();
    await expect(form.getByRole("alert")).toContainText(`A user with the email ${ADMIN.email} already exists.`);
    await expect(form.getByLabel("Name", { exact: true })).toHaveValue("Ada Again");
    await expect(form.getByLabel("Email")).toHaveValue(ADMIN.email);
    await expect(form.getByLabel("Role", { exact: true })).toHaveValue("lead");

    const anonymous = await browser.newContext({ viewport: DESKTOP });
    try {
      const visitor = await anonymous.newPage();
      await visitor.goto(`/runs/${underwayId}`);
      await expect(visitor).toHaveURL(new RegExp(`/sign-in\\?next=%2Fruns%2F${underwayId}$`));
      const signInButton = visitor.getByRole("button", { name: "Sign in" });
      await waitForHydration(signInButton);
      await visitor.getByLabel("Email").fill(ADMIN.email);
      await visitor.getByLabel("Password", { exact: true }).fill(ADMIN.password);
      await signInButton.click();
      await visitor.waitForURL(`**/runs/${underwayId}`);
      await expect(visitor.getByRole("heading", { name: "Payments 7.2 production deploy" })).toBeVisible();
      // And nowhere off-site, whatever the link says.
      await anonymous.clearCookies();
      await visitor.goto("/sign-in?next=%2F%2Fevil.example%2F");
      const again = visitor.getByRole("button", { name: "Sign in" });
      await waitForHydration(again);
      await visitor.getByLabel("Email").fill(ADMIN.email);
      await visitor.getByLabel("Password", { exact: true }).fill(ADMIN.password);
      await again.click();
      await visitor.waitForURL((url) => url.pathname === "/");
      expect(new URL(visitor.url()).host).toBe(new URL(page.url()).host);
    } finally {
      await anonymous.close();
    }
  });

  test("13 · rollout steps are edited in the template editor, checked as increasing and ending at 100%", async () => {
    await page.goto("/templates");
    const copy = page.getByRole("form", { name: "Copy a template" });
    await waitForHydration(copy.getByRole("button", { name: "Copy and edit" }));
    await copy.getByLabel("Name of the copy").fill("Payments rollout");
    await copy.getByRole("button", { name: "Copy and edit" }).click();
    await page.waitForURL(/\/templates\/[^/]+\/edit$/);
    const steps = page.getByRole("list", { name: "Rollout steps" });
    await expect(steps.getByTestId("rollout-step-editor")).toHaveCount(3);
    await expect(steps.getByLabel("Step 1 percent of traffic")).toHaveValue("10");
    // New minutes keep the runbook-style checkpoint name in step.
    await steps.getByLabel("Step 1 checkpoint minutes").fill("10");
    await expect(steps.getByLabel("Step 1 checkpoint name")).toHaveValue("Canary metrics green (10 minutes)");
    // Out of order: refused beside the field, nothing saved.
    await steps.getByLabel("Step 3 percent of traffic").fill("90");
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(page.getByTestId("problem-summary")).toContainText("Rollout step 3 “Full rollout”: the last step must send 100% of traffic (it is 90%)");
    await expect(steps.getByTestId("field-problem")).toContainText("the last step must send 100% of traffic (it is 90%)");
    await steps.screenshot({ path: path.join(SHOTS, "template-rollout-steps.png") });
    await steps.getByLabel("Step 3 percent of traffic").fill("100");
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(page.getByTestId("save-state")).toHaveText("Saved · version 1");
    await page.reload();
    await expect(page.getByRole("list", { name: "Rollout steps" }).getByLabel("Step 1 checkpoint minutes")).toHaveValue("10");
  });
});
