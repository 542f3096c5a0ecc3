// Lighthouse (pinned 12.2.3) on one page with the system Chromium (CHROME_PATH, default
// /usr/bin/chromium): the mobile preset (simulated slow 4G, 4× CPU slowdown, a phone's screen) or the
// desktop one. A signed-in page gets the session cookie as a header. Scores are 0–100.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

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

const audit = (lhr: { audits: Record<string, { numericValue?: number }> }, id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;

export async function runLighthouse(url: string, options: { preset: TLighthousePreset; cookie?: string }): Promise<TLighthouseResult> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const flags = {
      port: chrome.port,
      output: "json" as const,
      logLevel: "error" as const,
      onlyCategories: ["performance"],
      extraHeaders: options.cookie ? { Cookie: options.cookie } : undefined,
    };
    const result = await lighthouse(url, flags, options.preset === "desktop" ? desktopConfig : undefined);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`);
    return {
      performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      lcpMs: audit(lhr, "largest-contentful-paint"),
      tbtMs: audit(lhr, "total-blocking-time"),
      fcpMs: audit(lhr, "first-contentful-paint"),
      cls: audit(lhr, "cumulative-layout-shift"),
      warnings: lhr.runWarnings.map(String),
    };
  } finally {
    await chrome.kill();
  }
}
