// npm run -s token:create -- --label ci-deploy --scopes all   (or --scopes runs:write,gate:read)
// Creates a workspace API key on DATABASE_URL's database (or the embedded one under DATA_DIR, when
// no Warroom holds it open) and prints only the key on stdout, so a script can capture it:
//   WARROOM_TOKEN=$(npm run -s token:create -- --label ci --scopes all)
// Anything else (migrations applied, errors) goes to stderr.
import "../server-only-in-node";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { insertWorkspaceKey, SERVER_CONSOLE } from "../api/keys";
import { API_SCOPES } from "../api/scopes";
import { openDatabase } from "../db/boot";
import { disconnectDb } from "../db/client";
import { applyMigrations } from "../db/migrate";
import { parseEnv } from "../env";
import { setRuntime } from "../runtime";

const USAGE = `usage: npm run -s token:create -- --label <name> --scopes all|<scope>,<scope>…\nscopes: ${API_SCOPES.join(", ")}`;

class UsageError extends Error {}

function parseTokenArgs(argv: string[]): { label: string; scopes: string[] } {
  let values: { label?: string; scopes?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { label: { type: "string" }, scopes: { type: "string" } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.label?.trim()) throw new UsageError(`--label is required\n${USAGE}`);
  const scopes = !values.scopes || values.scopes === "all" ? [...API_SCOPES] : values.scopes.split(",").map((s) => s.trim()).filter(Boolean);
  return { label: values.label.trim(), scopes };
}

async function main() {
  const { label, scopes } = parseTokenArgs(process.argv.slice(2));
  // stdout carries the key alone: the database's own messages go to stderr.
  console.log = (...args: unknown[]) => console.error(...args);
  const database = await openDatabase(parseEnv());
  try {
    await applyMigrations(database.url);
    // Only a row is written; nothing is signed, so a throwaway secret will do.
    setRuntime({ databaseUrl: database.url, authSecret: randomBytes(32).toString("hex"), appUrl: "http://localhost", signInRateLimit: 10, startedAt: new Date(), version: "cli" });
    const { token } = await insertWorkspaceKey(SERVER_CONSOLE, { name: label, scopes });
    process.stdout.write(`${token}\n`);
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`token:create: ${error.message}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
