// The sign-in rate limit. Its own Playwright project that runs after every other spec, because it
// blocks sign-ins from this IP for a minute.
import { expect, test } from "@playwright/test";
import { ADMIN, submitSignInForm } from "./support/fixtures";

test("sign-in attempts are rate limited per client IP", async ({ request, baseURL, browser }) => {
  if (!baseURL) throw new Error("use.baseURL is not set in playwright.config.ts");
  const url = baseURL;
  const statuses: number[] = [];
  // The server allows 30 a minute (SIGN_IN_RATE_LIMIT in start-e2e-server.mjs), earlier tests used some.
  while (statuses.length < 40 && !statuses.includes(429)) {
    const response = await request.post("/api/auth/sign-in/email", {
      data: { email: ADMIN.email, password: "not-the-password" },
      headers: { origin: url },
    });
    statuses.push(response.status());
  }
  expect(statuses.at(-1), `statuses: ${statuses.join(", ")}`).toBe(429);
  expect(statuses.slice(0, -1).every((status) => status === 401), `statuses: ${statuses.join(", ")}`).toBe(true);

  // The form tells the person what happened rather than blaming their password.
  const freshContext = await browser.newContext();
  try {
    const freshPage = await freshContext.newPage();
    await submitSignInForm(freshPage, ADMIN.email, ADMIN.password);
    await expect(freshPage.getByRole("main").getByRole("alert")).toContainText("Too many sign-in attempts");
  } finally {
    await freshContext.close();
  }
});
