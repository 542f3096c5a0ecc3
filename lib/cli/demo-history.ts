// npm run demo:history: eight weeks of past deployments across three services (lib/demo/history-plan.ts)
// written into Warroom's database (DATABASE_URL, or the embedded one under DATA_DIR, the running
// server's included), so /insights has real content. Runs of an earlier demo:history are replaced.
import "../server-only-in-node";
import { seedHistory } from "../demo/seed-history";
import { runSeedCommand } from "./seed-command";

runSeedCommand("demo:history", async (appUrl) => {
  const summary = await seedHistory();
  return `${summary.runs} past runs across ${summary.services.join(", ")}${summary.replaced ? ` (replaced ${summary.replaced} from before)` : ""}: open ${appUrl}/insights`;
});
