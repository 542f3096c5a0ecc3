// Playwright e2e: one real server (`npm start` on a fresh database, see e2e/support/start-e2e-server.mjs)
// shared by every spec, run one test at a time in Chromium.
// Specs arrange data through the server modules, which import "server-only" (see the shim).
import "./lib/server-only-in-node";
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { SYSTEM_CHROMIUM } from "./e2e/support/chromium-choice";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;
// Debian's Chromium on these machines (Playwright cannot download browsers here); undefined falls
// back to Playwright's own browser, as on a laptop. e2e/support/ensure-chromium.ts, run before
// `playwright test`, checks the same order and gets Playwright's when there is none.
const chromiumPath = process.env.CHROMIUM_PATH || (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);

const desktopChromium = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1440, height: 900 },
  launchOptions: {
    executablePath: chromiumPath,
    args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  },
};

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // Specs share one server and database (setup happens once), so they run serially.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    screenshot: "only-on-failure",
  },
  projects: [
    {
      // First, whatever the filter (Playwright runs a dependency in full): the only spec that sees the
      // server before setup, so /setup is audited there, then it sets up the admin the others use.
      name: "first-run",
      testMatch: "**/first-run.spec.ts",
      use: desktopChromium,
    },
    {
      name: "chromium",
      testIgnore: ["**/first-run.spec.ts", "**/rate-limit.spec.ts", "**/accessibility.spec.ts"],
      dependencies: ["first-run"],
      use: desktopChromium,
    },
    {
      // A project of its own (rate-limit waits for it as well); it arranges its own runs and users.
      name: "accessibility",
      testMatch: "**/accessibility.spec.ts",
      dependencies: ["first-run"],
      use: desktopChromium,
    },
    {
      // Last: it exhausts the sign-in failures allowed for this IP and the admin's account.
      name: "rate-limit",
      testMatch: "**/rate-limit.spec.ts",
      dependencies: ["chromium", "accessibility"],
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: { executablePath: chromiumPath, args: ["--disable-background-networking", "--no-first-run"] },
      },
    },
  ],
  webServer: {
    command: "node e2e/support/start-e2e-server.mjs",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    // The specs' webhook receivers and fake Prometheus listen on loopback, which Warroom refuses
    // unless allowed, exactly as an admin allows an internal service.
    env: { E2E_PORT: String(port), OUTBOUND_ALLOW: "127.0.0.1/32" },
    // SIGTERM lets the server stop its embedded PostgreSQL and the script remove its temp data dir.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
