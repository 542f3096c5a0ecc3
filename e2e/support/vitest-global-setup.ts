// Vitest global setup for integration tests: one PostgreSQL server for the whole run.
import type { TestProject } from "vitest/node";
import { openTestServer } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await openTestServer();
  project.provide("pgAdminUrl", server.adminUrl);
  return () => server.stop();
}
