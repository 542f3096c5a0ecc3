import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Server files import "server-only" (a browser bundle reaching one fails the build); tests run them in Node.
const serverOnly = { "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)) };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: serverOnly },
        test: {
          name: "unit",
          // The test tooling (bench, chaos, the e2e helpers) has pure parts that are unit-tested;
          // "*.test.ts" leaves out the Playwright specs ("*.spec.ts") beside them.
          include: ["lib/**/*.test.ts", "prisma/**/*.test.ts", "e2e/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        // The authorization matrix and the fuzz test import route handlers, which use the "@/" paths.
        resolve: { tsconfigPaths: true, alias: serverOnly },
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "e2e/process/**/*.int.test.ts"],
          globalSetup: ["e2e/support/vitest-global-setup.ts"],
          // The tests' webhook receivers and fake Prometheus listen on loopback, which Warroom refuses by
          // default: allowed here explicitly, as an admin would allow an internal service.
          env: { OUTBOUND_ALLOW: "127.0.0.1/32" },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Files share one PostgreSQL server but each has its own database; runs after the unit tests.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
