// npm run demo: a demo run fed with realistic metrics through the public HTTP API — a healthy canary,
// then an error-rate climb that fires the 5-minute rollback rule — so a newcomer sees Warroom work.
//
// The demo run and its token are made with the library code, which needs the database: when nothing
// answers at the URL, the demo prepares the run, then starts Warroom itself (`npm start`, same
// environment); when Warroom already runs on DATABASE_URL, the demo uses that database beside it.
// `--run ID --token TOKEN` feeds any run with a token made in its war room, over HTTP only.
import "../server-only-in-node";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { openDatabase } from "../db/boot";
import { disconnectDb } from "../db/client";
import { applyMigrations } from "../db/migrate";
import { phaseAt, ROLLBACK_FIRES_AT_S, samplesAt } from "../demo/scenario";
import { DemoUsageError, parseDemoArgs, type TDemoOptions } from "../demo/options";
import { prepareDemoRun } from "../demo/prepare";
import { formatMinutesSeconds } from "../domain/time-format";
import { parseEnv } from "../env";
import { setRuntime } from "../runtime";

/** Seconds of scenario time between two batches. */
const SCENARIO_STEP_S = 5;
const READY_TIMEOUT_MS = 300_000;

const say = (line: string) => console.log(`[demo] ${line}`);

async function isUp(url: string): Promise<boolean> {
  return fetch(`${url}/api/health`).then((r) => r.ok, () => false);
}

async function prepareWithDatabase(options: TDemoOptions, url: string) {
  const env = parseEnv();
  const database = await openDatabase(env);
  try {
    await applyMigrations(database.url);
    // The demo only writes rows; no session is signed here, so a throwaway secret is enough.
    setRuntime({ databaseUrl: database.url, authSecret: randomBytes(32).toString("hex"), appUrl: url, signInRateLimit: 10, startedAt: new Date(), version: "demo" });
    return await prepareDemoRun(options.speed);
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

function startWarroom(): ChildProcess {
  const child = spawn(process.execPath, ["lib/cli/start.mjs"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  return child;
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  let hasExited = false;
  child.once("exit", () => (hasExited = true));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (hasExited) throw new Error("Warroom stopped before it was ready (see its output above).");
    if (await isUp(url)) return;
    await delay(300);
  }
  throw new Error(`Warroom did not answer at ${url} within ${READY_TIMEOUT_MS / 1000} s.`);
}

async function post(url: string, runId: string, token: string, samples: unknown[]): Promise<void> {
  const response = await fetch(`${url}/api/runs/${encodeURIComponent(runId)}/metrics`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ samples }),
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(`the API refused a batch: HTTP ${response.status} ${body?.error?.message ?? ""}`.trim());
  }
}

/** Plays the scenario: one batch every SCENARIO_STEP_S scenario seconds, `speed` times faster than real time. */
async function feed(url: string, runId: string, token: string, options: TDemoOptions): Promise<void> {
  const realStepMs = (SCENARIO_STEP_S * 1000) / options.speed;
  const start = Date.now();
  const firesAt = ROLLBACK_FIRES_AT_S / options.speed;
  say(`feeding every ${(realStepMs / 1000).toFixed(1)} s; the 5-minute rollback rule should fire about ${formatMinutesSeconds(firesAt * 1000)} from now${options.speed > 1 ? ` (its window is ${options.speed}× shorter on this run)` : ""}`);
  let lastPhase = "";
  for (let step = 0; ; step++) {
    const due = start + step * realStepMs;
    if (due > Date.now()) await delay(due - Date.now());
    const scenarioSeconds = step * SCENARIO_STEP_S;
    const timestamp = new Date().toISOString();
    const samples = samplesAt(scenarioSeconds).map((s) => ({ ...s, timestamp }));
    await post(url, runId, token, samples);
    const phase = phaseAt(scenarioSeconds);
    const canary = samples.find((s) => s.metric === "error_rate" && s.stage === "canary")!.value;
    if (phase !== lastPhase || step % Math.max(1, Math.round(60 / SCENARIO_STEP_S)) === 0) {
      say(`+${formatMinutesSeconds(Date.now() - start)}  ${phase.padEnd(44)} canary error rate ${canary.toFixed(2)}%`);
      lastPhase = phase;
    }
    if (options.hold !== undefined && (Date.now() - start) / 1000 > firesAt + options.hold) {
      say(`held ${options.hold} s after the rollback rule fired: stopping`);
      return;
    }
  }
}

async function main(): Promise<number> {
  const options = parseDemoArgs(process.argv.slice(2));
  const env = parseEnv();
  const url = (options.url ?? env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  let child: ChildProcess | undefined;
  const stopChild = () => child?.kill("SIGTERM");
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      say("stopping");
      stopChild();
      process.exit(130);
    });
  }

  let runId = options.run;
  let token = options.token;
  if (!runId || !token) {
    const isRunning = await isUp(url);
    if (isRunning && !env.DATABASE_URL) {
      throw new Error(
        `Warroom is running at ${url} on its embedded database, which only it can open. Either stop it and run the demo again ` +
          "(the demo starts Warroom for you), or create an API token in a run's war room (Metrics → API tokens) and run " +
          "`npm run demo -- --run <run id> --token <token>`.",
      );
    }
    say(`preparing the demo run (${env.DATABASE_URL ? "DATABASE_URL" : `embedded PostgreSQL in ${env.DATA_DIR}`})…`);
    const prepared = await prepareWithDatabase(options, url);
    ({ runId, token } = prepared);
    say(`${prepared.isNew ? "created" : "reusing"} the demo run at the canary step`);
    if (!isRunning) {
      say(`starting Warroom at ${url} (npm start)…`);
      child = startWarroom();
      await waitUntilUp(url, child);
    }
    say(`open ${url}/runs/${runId} (war room) and ${url}/runs/${runId}/bridge (bridge screen)`);
    if (!prepared.hasUsers) say(`first visit: ${url} asks you to create the admin account`);
  } else if (!(await isUp(url))) {
    throw new Error(`nothing answers at ${url}: start Warroom (npm start) or pass --url`);
  }
  try {
    await feed(url, runId!, token!, options);
  } finally {
    stopChild();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof DemoUsageError ? error.message : `[demo] ${error.message}`);
    process.exit(error instanceof DemoUsageError ? 2 : 1);
  },
);
