// Prisma CLI configuration. The runtime never reads this file: server.ts builds its own
// connection string (DATABASE_URL or the embedded PostgreSQL) and applies migrations itself.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/warroom" },
});
