// Builds (npm run build) when the sources are newer than the last build; used by `npm start` and by
// `npm run bench` before it times the compiled server. Plain JavaScript so it runs before anything
// is compiled. WARROOM_SKIP_BUILD=1 skips the check.
import { spawnSync } from "node:child_process";
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

/** Returns the build's exit status (0 when nothing needed building). */
export function buildIfStale() {
  if (process.env.WARROOM_SKIP_BUILD === "1" || newestMtime(".") === 0) return 0;
  if (Math.max(...SOURCES.map(newestMtime)) <= builtAt()) return 0;
  console.log("[warroom] building (sources changed since the last build)…");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  return build.status ?? 1;
}
