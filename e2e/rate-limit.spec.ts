// The sign-in failure limit. Its own Playwright project that runs after every other spec, because it
// exhausts the failures allowed for this IP and the admin's account for a minute.
import { expect, test } from "@playwright/test";
import { ADMIN, signIn, submitSignInForm } from "./support/fixtures";

test("wrong passwords are limited per client IP and account, and the right one still signs in", async ({ request, baseURL, browser }) => {
  if (!baseURL) throw new Error("use.baseURL is not set in playwright.config.ts");
  const url = baseURL;
  const statuses: number[] = [];
  // The server allows 30 failures a minute (SIGN_IN_RATE_LIMIT in start-e2e-server.mjs); earlier specs may have failed some.
  while (statuses.length < 40 && !statuses.includes(429)) {
    const response = await request.post("/api/auth/sign-in/email", {
      data: { email: ADMIN.email, password: "not-the-password" },
      headers: { origin: url },
    });
    statuses.push(response.status());
    if (response.status() === 429) expect(Number(response.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  }
  expect(statuses.at(-1), `statuses: ${statuses.join(", ")}`).toBe(429);
  expect(statuses.slice(0, -1).every((status) => status === 401), `statuses: ${statuses.join(", ")}`).toBe(true);

  const freshContext = await browser.newContext();
  try {
    const page = await freshContext.newPage();
    // A wrong password now: the form says what happened rather than blaming the password.
    await submitSignInForm(page, ADMIN.email, "still not the password");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Too many sign-in attempts");
    // The right password is never refused by the failure limit.
    await signIn(page, ADMIN.email, ADMIN.password);
  } finally {
    await freshContext.close();
  }
});
