// npm run bench:tick: N socket clients in one run room and a lead changing items at a fixed rate
// through the real command path of the production server; prints how long events take to reach the
// clients and whether every client got every event, in order. Exit code 1 when one did not.
// (`npm run bench -- --only fanout` runs the same measurement beside its bare Socket.IO baseline.)
import "../../lib/server-only-in-node";
import { closeOnSignal } from "./bench-server";
import { openFanout } from "./fanout";
import { printFanout } from "./fanout-report";
import { seconds } from "./format";
import { parseTickBenchArgs, UsageError } from "./options";
import { createPortPool } from "./ports";
import { fanoutTargetOf, startTickFixture } from "./tick-fixture";

async function main(): Promise<number> {
  const options = parseTickBenchArgs(process.argv.slice(2));
  console.log(
    `bench:tick  ${options.clients} clients · ${options.rate} changes/s requested · ${options.seconds} s ` +
      `(latency excludes the first ${options.warmup} s)`,
  );
  console.log("setup       fresh database, team and run; starting the server (builds first if sources changed)…");
  const fixture = await startTickFixture({ ports: createPortPool(options.port) });
  closeOnSignal(fixture.close);
  try {
    console.log(`server      dist/server.js (NODE_ENV=production, via lib/cli/start.mjs) on ${fixture.baseUrl}`);
    console.log(`database    ${fixture.databaseLabel}`);
    const session = await openFanout(fanoutTargetOf(fixture), options.clients);
    try {
      console.log(`clients     ${session.clients} connected and joined (viewer and member sessions) in ${seconds(session.connectMs)}`);
      const result = await session.measure(options);
      printFanout("", result, { serverLog: fixture.serverLog() });
      console.log(`result      ${result.isComplete ? "OK" : "FAIL: some clients did not receive every event exactly once, in order"}`);
      return result.isComplete ? 0 : 1;
    } finally {
      session.close();
    }
  } finally {
    await fixture.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof UsageError ? error.message : `bench:tick failed: ${error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
