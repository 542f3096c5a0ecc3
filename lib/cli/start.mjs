// npm start: build when the sources are newer than the last build, then run the compiled server
// in production mode. Plain JavaScript so it runs before anything is compiled.
import { spawn } from "node:child_process";
import { buildIfStale } from "./build-if-stale.mjs";

const status = buildIfStale();
if (status !== 0) process.exit(status);

// Scripts that start dist/server.js themselves (test:chaos runs two and SIGKILLs one) build this way.
if (process.env.WARROOM_BUILD_ONLY === "1") process.exit(0);

const child = spawn(process.execPath, ["dist/server.js"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
