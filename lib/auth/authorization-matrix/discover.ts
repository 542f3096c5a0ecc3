// The mutations the running code really exposes, so a new one cannot slip past the matrix: every
// app/api/**/route.ts method, every export of a "use server" module (and every server action of the
// last build), and the socket events both namespaces register.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { discoverSocketEvents } from "../../../e2e/support/socket-registry";
import { STATUS_NAMESPACE } from "../../realtime/events";
import { createShareLink } from "../../share/server/share-links";
import { freshRun } from "./arrange";
import { world } from "./world";

const ROOT = process.cwd();
const SOURCE_DIRS = ["app", "lib", "components"];
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

export async function discoverMutations(): Promise<string[]> {
  const found: string[] = [];
  // Routes: every app/api/**/route.ts and each HTTP method it exports.
  for (const file of sourceFiles("app/api").filter((f) => f.endsWith("/route.ts"))) {
    const module = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
    const route = "/" + path.dirname(file).replace(/^app\//, "");
    for (const method of HTTP_METHODS) if (typeof module[method] === "function") found.push(`route ${method} ${route}`);
  }
  // Server actions: every function exported by a module that starts with "use server".
  for (const file of SOURCE_DIRS.flatMap(sourceFiles)) {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    if (!/^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(text)) continue;
    const module = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) if (typeof value === "function") found.push(`action ${file}#${name}`);
  }
  // And every server action of the last build (it also knows actions declared inline in components).
  const manifestPath = path.join(ROOT, ".next/server/server-reference-manifest.json");
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
    for (const { filename, exportedName } of Object.values(manifest.node)) {
      // A build older than the source may name what has since been removed: only what still exists counts.
      if (existsSync(path.join(ROOT, filename))) found.push(`action ${filename}#${exportedName}`);
    }
  }
  // Socket events: what the server registers on a freshly connected socket of each namespace.
  const run = await freshRun();
  const { token } = await createShareLink(world.team.lead, { runId: run.id, label: "probe" });
  const events = await discoverSocketEvents({ cookie: world.cookies.get("admin")!, shareToken: token });
  for (const event of events.main) found.push(`socket ${event}`);
  for (const event of events.status) found.push(`socket ${STATUS_NAMESPACE} ${event}`);
  return [...new Set(found)].sort();
}
