// Shared steps for the e2e specs. Every spec runs against one server and one database, serially:
// first-run.spec does the first-run setup, the others sign in as ADMIN.
import { expect, type Locator, type Page } from "@playwright/test";
import { ROLE_LABELS, type TRole } from "../../lib/domain/roles";

export const ADMIN = { name: "Ada Admin", email: "ada@warroom.test", password: "ada-password-123" } as const;

export type TNewUser = { name: string; email: string; password: string; role: TRole };

/**
 * Resolves once React has hydrated the element. A form clicked before that would submit natively
 * (the sign-in form is handled in JavaScript), so wait for the condition rather than a fixed time.
 */
export async function waitForHydration(locator: Locator): Promise<void> {
  await expect
    .poll(() => locator.evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactFiber$"))))
    .toBe(true);
}

/** Fills and submits the sign-in form without expecting success (for wrong-password cases). */
export async function submitSignInForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  const submit = page.getByRole("button", { name: "Sign in" });
  await waitForHydration(submit);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await submit.click();
}

/** Signs in through the form and waits for the signed-in home page. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await submitSignInForm(page, email, password);
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/** Completes /setup as ADMIN; the page must already be on /setup. */
export async function completeSetup(page: Page): Promise<void> {
  const submit = page.getByRole("button", { name: "Create admin account" });
  await waitForHydration(submit);
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password (at least 12 characters, not a common one)").fill(ADMIN.password);
  await submit.click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/** Leaves the page signed in as ADMIN on "/", doing the first-run setup if nobody has yet. */
export async function setupAdminIfNeeded(page: Page): Promise<"created" | "existing"> {
  await page.goto("/");
  const { pathname } = new URL(page.url());
  if (pathname === "/setup") {
    await completeSetup(page);
    return "created";
  }
  if (pathname === "/sign-in") await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByTestId("current-user")).toContainText(ADMIN.name);
  return "existing";
}

/**
 * Invites a user through /admin/users (the page must be signed in as an admin), then opens the
 * one-time invite link to set their password as they would; returns their row.
 */
export async function createUserViaUi(page: Page, user: TNewUser): Promise<Locator> {
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Invite user" });
  const submit = form.getByRole("button", { name: "Invite user" });
  await waitForHydration(submit);
  await form.getByLabel("Name", { exact: true }).fill(user.name);
  await form.getByLabel("Email").fill(user.email);
  await form.getByLabel("Role", { exact: true }).selectOption({ label: ROLE_LABELS[user.role] });
  await submit.click();
  await expect(form.getByRole("status")).toContainText(`Added ${user.name}`);
  // The table shows the new account before anyone reloads (the action revalidates the page).
  await expect(page.getByTestId("user-row").filter({ hasText: user.email })).toBeVisible();
  const inviteUrl = await form.getByTestId("one-time-link").inputValue();
  await page.goto(new URL(inviteUrl).pathname + new URL(inviteUrl).search);
  const save = page.getByRole("button", { name: "Set password" });
  await waitForHydration(save);
  await page.getByLabel(/^New password/).fill(user.password);
  await save.click();
  await expect(page.getByRole("status")).toContainText(`Password set for ${user.email}`);
  await page.goto("/admin/users");
  return page.getByTestId("user-row").filter({ hasText: user.email });
}

/** On a run's share page: makes a status link with the key charts and returns its address (shown once). */
export async function createStatusLinkViaUi(page: Page, label: string): Promise<string> {
  const create = page.getByRole("button", { name: "Create link" });
  await waitForHydration(create);
  await page.getByLabel("Label (who it is for)").fill(label);
  await page.getByLabel("Include charts").check();
  await create.click();
  const url = page.getByTestId("share-link-url");
  await expect(url).toHaveValue(/\/status\/[A-Za-z0-9_-]{32}$/);
  return url.inputValue();
}

export type TNewRun = { name: string; service: string; version: string; commit?: string; leadName: string };

/** Creates a run through /runs/new (signed in as a lead) with `leadName` as its Deployment Lead; returns its path. */
export async function createRunViaUi(page: Page, run: TNewRun): Promise<string> {
  await page.goto("/runs/new");
  const submit = page.getByRole("button", { name: "Create run" });
  await waitForHydration(submit);
  await page.getByLabel("Name", { exact: true }).fill(run.name);
  await page.getByLabel("Service", { exact: true }).fill(run.service);
  await page.getByLabel("Version", { exact: true }).fill(run.version);
  if (run.commit) await page.getByLabel("Commit", { exact: true }).fill(run.commit);
  await page.getByLabel("Planned start").fill("2026-12-01T14:00");
  await page.getByLabel("Deployment Lead").selectOption({ label: `${run.leadName} · Lead` });
  await submit.click();
  await page.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
  return new URL(page.url()).pathname;
}
