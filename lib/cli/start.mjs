// npm start: build when the sources are newer than the last build, then run the compiled server
// in production mode. Plain JavaScript so it runs before anything is compiled.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "prisma", "public", "server.ts", "next.config.ts", "package.json", "tsconfig.json"];
const SKIP = new Set(["node_modules", "generated", ".next", "dist", ".data"]);

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (!SKIP.has(entry)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function builtAt() {
  const marks = [".next/BUILD_ID", "dist/server.js"];
  if (!marks.every((m) => existsSync(m))) return 0;
  return Math.min(...marks.map((m) => statSync(m).mtimeMs));
}

if (process.env.WARROOM_SKIP_BUILD !== "1" && newestMtime(".") > 0 && Math.max(...SOURCES.map(newestMtime)) > builtAt()) {
  console.log("[warroom] building (sources changed since the last build)…");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Scripts that start dist/server.js themselves (test:chaos runs two and SIGKILLs one) build this way.
if (process.env.WARROOM_BUILD_ONLY === "1") process.exit(0);

const child = spawn(process.execPath, ["dist/server.js"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
