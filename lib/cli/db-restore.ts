// npm run db:restore -- FILE [--replace]: a backup made by db:backup, into an empty database
// (DATABASE_URL, or the embedded one under DATA_DIR); --replace first deletes everything in it.
// Stop Warroom first: a restore replaces what a running server is using.
import path from "node:path";
import { parseArgs } from "node:util";
import { restoreBackup } from "../backup/restore";
import { parseEnv } from "../env";
import { openToolDatabase } from "./tool-database";

const USAGE = "usage: npm run db:restore -- FILE [--replace]";

async function main() {
  const { positionals, values } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: true, options: { replace: { type: "boolean", default: false } } });
  if (positionals.length !== 1) throw new Error(USAGE);
  const file = path.resolve(positionals[0]);
  const env = parseEnv();
  const database = await openToolDatabase(env);
  try {
    if (database.isServerRunning) throw new Error(`Warroom is running on ${env.DATA_DIR}: stop it, then restore.`);
    const summary = await restoreBackup({ url: database.url, file, replace: values.replace === true });
    const after = summary.migratedAfter.length ? `; then applied ${summary.migratedAfter.length} newer migrations (${summary.migratedAfter.join(", ")})` : "";
    console.log(`restored ${summary.rows} rows of ${summary.tables} tables from ${file}${after}`);
  } finally {
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.message.split("\n")[0]);
    process.exit(1);
  },
);
