// npm run db:backup -- FILE: Warroom's tables, streamed with COPY, into one gzipped file (any
// database Warroom runs on, the embedded one included, while Warroom runs or not).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeBackup } from "../backup/backup";
import { parseEnv } from "../env";
import { openToolDatabase } from "./tool-database";

const USAGE = "usage: npm run db:backup -- FILE";

function version(): string {
  return (JSON.parse(readFileSync(path.resolve("package.json"), "utf8")) as { version: string }).version;
}

async function main() {
  const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: true, options: {} });
  if (positionals.length !== 1) throw new Error(USAGE);
  const file = path.resolve(positionals[0]);
  const database = await openToolDatabase(parseEnv());
  try {
    const summary = await writeBackup({ url: database.url, file, warroomVersion: version() });
    console.log(`backed up ${summary.rows} rows of ${summary.tables} tables (schema: ${summary.migrations} migrations) to ${summary.file} (${(summary.bytes / 1024).toFixed(1)} KiB)`);
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
