import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "prisma/**/*.test.ts", "e2e/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        // The authorization matrix and the fuzz test import route handlers, which use the "@/" paths.
        resolve: { tsconfigPaths: true },
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "e2e/process/**/*.int.test.ts"],
          globalSetup: ["e2e/support/vitest-global-setup.ts"],
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
