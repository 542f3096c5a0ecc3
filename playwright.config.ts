// Playwright e2e: one real server (`npm start` on a fresh database, see e2e/support/start-e2e-server.mjs)
// shared by every spec, run one test at a time in Chromium.
// Specs arrange data through the server modules, which import "server-only" (see the shim).
import "./lib/server-only-in-node";
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;
// Debian's Chromium on these machines (Playwright cannot download browsers here); undefined falls
// back to Playwright's own browser, as on a laptop.
const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

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
      name: "chromium",
      testIgnore: ["**/rate-limit.spec.ts", "**/accessibility.spec.ts"],
      use: desktopChromium,
    },
    {
      // After the other specs, with no dependency (so it can also run alone): /setup is audited before
      // the first run in auth.spec, which must find the server not yet set up.
      name: "accessibility",
      testMatch: "**/accessibility.spec.ts",
      use: desktopChromium,
    },
    {
      // Last: it exhausts the sign-in limit for this IP.
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
