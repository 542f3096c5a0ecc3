// Access control, end to end against the real server just after its first-run setup (first-run.spec):
// sign-in and sign-out, roles and the Socket.IO session guard.
import path from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { TClientToServerEvents, TServerToClientEvents, TSocketUser } from "../lib/realtime/events";
import { ADMIN, createUserViaUi, signIn, submitSignInForm, type TNewUser } from "./support/fixtures";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const VERA: TNewUser = { name: "Vera Viewer", email: "vera@warroom.test", password: "vera-password-123", role: "viewer" };
const LEE: TNewUser = { name: "Lee Lead", email: "lee@warroom.test", password: "lee-password-123", role: "lead" };

type TSocketOutcome = { kind: "ready"; user: TSocketUser } | { kind: "refused"; message: string };

/** Opens a Node-side socket and reports whether the server accepted it; always disconnects. */
function socketOutcome(baseURL: string, extraHeaders: Record<string, string> = {}): Promise<TSocketOutcome> {
  const socket: Socket<TServerToClientEvents, TClientToServerEvents> = io(baseURL, {
    transports: ["websocket"],
    reconnection: false,
    timeout: 10_000,
    extraHeaders,
  });
  return new Promise<TSocketOutcome>((resolve) => {
    socket.on("session:ready", ({ user }) => resolve({ kind: "ready", user }));
    socket.on("connect_error", (error) => resolve({ kind: "refused", message: error.message }));
  }).finally(() => socket.disconnect());
}

function requireBaseUrl(baseURL: string | undefined): string {
  if (!baseURL) throw new Error("use.baseURL is not set in playwright.config.ts");
  return baseURL;
}

async function cookieHeader(context: BrowserContext, baseURL: string): Promise<string> {
  const cookies = await context.cookies(baseURL);
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

test.describe.serial("access", () => {
  // One signed-in browser session carried through the story, as a user would.
  let context: BrowserContext;
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext();
    page = await context.newPage();
    await signIn(page, ADMIN.email, ADMIN.password);
  });

  test.afterAll(async () => {
    await context.close();
  });

  test("signing out closes every page, and setup cannot be redone", async ({ request }) => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, "sign-in.png"), fullPage: true });

    // A deep link goes to sign-in carrying where to return; the home page and /setup need no return.
    for (const [target, signIn] of [["/", /\/sign-in$/], ["/admin/users", /\/sign-in\?next=%2Fadmin%2Fusers$/], ["/setup", /\/sign-in$/]] as const) {
      await page.goto(target);
      await expect(page, `anonymous visit to ${target}`).toHaveURL(signIn);
    }

    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect((await health.json()).database.status).toBe("up");

    const session = await request.get("/api/auth/get-session");
    expect(await session.json()).toBeNull();
  });

  test("a wrong password is refused with a clear message", async () => {
    await submitSignInForm(page, ADMIN.email, "not-the-password");
    // Next adds its own empty role=alert route announcer, so look inside the page content.
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Wrong email or password.");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("the admin signs in again and adds a viewer", async () => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page.getByTestId("current-user")).toHaveText(`${ADMIN.name} · Admin`);
    const row = await createUserViaUi(page, VERA);
    await expect(row).toBeVisible();
    await expect(row.getByRole("combobox", { name: `Role of ${VERA.name}` })).toHaveValue("viewer");
    await page.screenshot({ path: path.join(SCREENSHOTS, "admin-users.png"), fullPage: true });
  });

  test("the users table shows a new user without a reload", async () => {
    const row = await createUserViaUi(page, LEE);
    await expect(row).toBeVisible({ timeout: 3_000 });
  });

  test("a viewer sees no user admin and is turned away from it", async ({ browser }) => {
    const veraContext = await browser.newContext();
    try {
      const veraPage = await veraContext.newPage();
      await signIn(veraPage, VERA.email, VERA.password);
      await expect(veraPage.getByTestId("current-user")).toContainText("· Viewer");
      const nav = veraPage.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link", { name: "Home" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);

      await veraPage.goto("/admin/users");
      await expect(veraPage).toHaveURL(/\/(\?denied=1)?$/);
      await expect(veraPage.getByRole("heading", { name: "Users" })).toHaveCount(0);
    } finally {
      await veraContext.close();
    }
  });

  test("a disabled user's sign-in says so; enabling the account lets them back in", async ({ browser }) => {
    await page.goto("/admin/users");
    const row = page.getByTestId("user-row").filter({ hasText: VERA.email });
    await row.getByRole("button", { name: `Disable ${VERA.name}` }).click();
    await expect(row).toContainText("Disabled");
    await page.screenshot({ path: path.join(SCREENSHOTS, "admin-users-disabled.png"), fullPage: true });
    const veraContext = await browser.newContext();
    try {
      const veraPage = await veraContext.newPage();
      await submitSignInForm(veraPage, VERA.email, VERA.password);
      await expect(veraPage.getByRole("main").getByRole("alert")).toContainText("This account is disabled — ask an admin");
      await row.getByRole("button", { name: `Enable ${VERA.name}` }).click();
      await expect(row).toContainText("Active");
      await signIn(veraPage, VERA.email, VERA.password);
      await expect(veraPage.getByTestId("current-user")).toContainText("· Viewer");
    } finally {
      await veraContext.close();
    }
  });

  test("sockets need a session cookie from our own origin", async ({ baseURL }) => {
    const url = requireBaseUrl(baseURL);
    expect(await socketOutcome(url)).toEqual({ kind: "refused", message: "unauthorized" });

    const cookie = await cookieHeader(context, url);
    expect(cookie).not.toBe("");
    const accepted = await socketOutcome(url, { cookie });
    expect(accepted).toMatchObject({ kind: "ready", user: { name: ADMIN.name, role: "admin" } });

    const crossSite = await socketOutcome(url, { cookie, origin: "https://evil.example" });
    expect(crossSite.kind).toBe("refused");
  });
});
