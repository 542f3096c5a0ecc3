// npm run demo:week: puts a week of runs across three services in the database (lib/demo/seed-week.ts)
// so /now and /calendar show them — with one conflict and one freeze. Uses DATABASE_URL, or the
// embedded PostgreSQL in DATA_DIR (the running server's, or one started for the command).
import "../server-only-in-node";
import { seedDemoWeek } from "../demo/seed-week";
import { runSeedCommand } from "./seed-command";

runSeedCommand("demo:week", async (appUrl) => {
  const seeded = await seedDemoWeek();
  return `${seeded.created} runs created, ${seeded.existing} already there; open ${appUrl}/now and ${appUrl}/calendar`;
});
