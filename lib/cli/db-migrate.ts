// npm run db:migrate: apply pending migrations to DATABASE_URL (or the embedded database).
import { openDatabase } from "../db/boot";
import { applyMigrations } from "../db/migrate";
import { parseEnv } from "../env";

async function main() {
  const db = await openDatabase(parseEnv());
  try {
    const applied = await applyMigrations(db.url);
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
  } finally {
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
