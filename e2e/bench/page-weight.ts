// What one page costs a first visit in Chromium: the JavaScript it downloads (as served, and as gzip
// would send it), its Largest Contentful Paint and its Cumulative Layout Shift.
import { gzipSync } from "node:zlib";
import type { BrowserContext } from "@playwright/test";
import { cumulativeLayoutShift, type TLayoutShift } from "./cls";

export type TPageWeight = {
  scripts: number;
  /** Bytes on the wire for the scripts (CDP's encodedDataLength: body as served plus headers). */
  transferredBytes: number;
  /** The scripts' bodies once decoded. */
  rawBytes: number;
  /** The same bodies through gzip (level 6, the usual server default): "gzip JS" whatever the server sent. */
  gzipBytes: number;
  /** content-encoding values the scripts were served with ("none" for none). */
  encodings: string[];
  lcpMs: number | null;
  cls: number;
};

type TScript = { requestId: string; encoding: string; transferred: number | null };

/** Loads `url` in the (fresh) context's first page and measures it; the context is closed after. */
export async function measurePage(context: BrowserContext, url: string): Promise<TPageWeight> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const scripts = new Map<string, TScript>();
  cdp.on("Network.responseReceived", ({ requestId, type, response }) => {
    if (type !== "Script") return;
    const header = Object.entries(response.headers).find(([name]) => name.toLowerCase() === "content-encoding");
    scripts.set(requestId, { requestId, encoding: header ? String(header[1]) : "none", transferred: null });
  });
  cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
    const script = scripts.get(requestId);
    if (script) script.transferred = encodedDataLength;
  });
  try {
    const response = await page.goto(url, { waitUntil: "networkidle" });
    if (!response?.ok()) throw new Error(`${url}: HTTP ${response?.status()}`);
    const vitals = await page.evaluate(readVitals);
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const script of scripts.values()) {
      const { body, base64Encoded } = await cdp.send("Network.getResponseBody", { requestId: script.requestId });
      const bytes = Buffer.from(body, base64Encoded ? "base64" : "utf8");
      rawBytes += bytes.length;
      gzipBytes += gzipSync(bytes, { level: 6 }).length;
    }
    const all = [...scripts.values()];
    return {
      scripts: all.length,
      transferredBytes: all.reduce((sum, s) => sum + (s.transferred ?? 0), 0),
      rawBytes,
      gzipBytes,
      encodings: [...new Set(all.map((s) => s.encoding))],
      lcpMs: vitals.lcp,
      cls: cumulativeLayoutShift(vitals.shifts),
    };
  } finally {
    await context.close();
  }
}

/** Runs in the page: the buffered LCP and layout-shift entries so far (no input has happened). */
async function readVitals(): Promise<{ lcp: number | null; shifts: TLayoutShift[] }> {
  const read = (type: string) =>
    new Promise<PerformanceEntry[]>((resolve) => {
      const entries: PerformanceEntry[] = [];
      const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
      observer.observe({ type, buffered: true });
      // Buffered entries are delivered in a task of their own: give it one.
      setTimeout(() => {
        entries.push(...observer.takeRecords());
        observer.disconnect();
        resolve(entries);
      }, 50);
    });
  const [paints, shifts] = await Promise.all([read("largest-contentful-paint"), read("layout-shift")]);
  const last = paints.at(-1);
  return {
    lcp: last ? last.startTime : null,
    shifts: shifts.map((entry) => {
      const shift = entry as PerformanceEntry & { value: number; hadRecentInput: boolean };
      return { startTime: shift.startTime, value: shift.value, hadRecentInput: shift.hadRecentInput };
    }),
  };
}
