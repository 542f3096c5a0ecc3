// Lighthouse (pinned 12.2.3) on one page with the system Chromium (CHROME_PATH, default
// /usr/bin/chromium): the mobile preset (simulated slow 4G, 4× CPU slowdown, a phone's screen) or the
// desktop one. A signed-in page gets the session cookie as a header. Scores are 0–100.
// Lighthouse runs as its own CLI under plain node: under tsx's loader the functions it sends into the
// page carry esbuild's `__name` helper, which the page does not have.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";

export type TLighthousePreset = "mobile" | "desktop";

export type TLighthouseResult = {
  performance: number;
  lcpMs: number;
  tbtMs: number;
  fcpMs: number;
  cls: number;
  /** Lighthouse's own note when the machine was too slow or too busy for trustworthy figures. */
  warnings: string[];
};

type TLhr = {
  categories: { performance?: { score: number | null } };
  audits: Record<string, { numericValue?: number }>;
  runWarnings: string[];
  runtimeError?: { message: string };
};

const run = promisify(execFile);
const CLI = path.join(path.dirname(createRequire(import.meta.url).resolve("lighthouse/package.json")), "cli", "index.js");

const audit = (lhr: TLhr, id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;

export async function runLighthouse(url: string, options: { preset: TLighthousePreset; cookie?: string }): Promise<TLighthouseResult> {
  const args = [
    CLI,
    url,
    "--output=json",
    "--output-path=stdout",
    "--quiet",
    "--only-categories=performance",
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ...(options.preset === "desktop" ? ["--preset=desktop"] : []),
    ...(options.cookie ? [`--extra-headers=${JSON.stringify({ Cookie: options.cookie })}`] : []),
  ];
  const { stdout } = await run(process.execPath, args, {
    env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || "/usr/bin/chromium" },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  const lhr = JSON.parse(stdout) as TLhr;
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`);
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcpMs: audit(lhr, "largest-contentful-paint"),
    tbtMs: audit(lhr, "total-blocking-time"),
    fcpMs: audit(lhr, "first-contentful-paint"),
    cls: audit(lhr, "cumulative-layout-shift"),
    warnings: lhr.runWarnings.map(String),
  };
}
