// What bench:soak reads of the server each simulated hour: its resident memory, JS heap and event-loop
// p99 from its own GET /metrics (prom-client's defaults; the p99 is over the time since the last
// scrape, since prom-client resets the histogram on each), the database's size, and how long a war
// room takes to load in a fresh browser context.
import type { Browser } from "@playwright/test";
import pg from "pg";
import { newContext } from "./browser";

const LOAD_TIMEOUT_MS = 180_000;

export type TServerVitals = { rssBytes: number; heapBytes: number; eventLoopP99Ms: number };

export async function scrapeServer(baseUrl: string): Promise<TServerVitals> {
  const response = await fetch(`${baseUrl}/metrics`);
  if (!response.ok) throw new Error(`GET /metrics: HTTP ${response.status}`);
  const text = await response.text();
  const value = (name: string) => {
    const line = text.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    if (!line) throw new Error(`GET /metrics has no ${name}`);
    return Number(line.slice(line.lastIndexOf(" ") + 1));
  };
  return {
    rssBytes: value("process_resident_memory_bytes"),
    heapBytes: value("nodejs_heap_size_used_bytes"),
    eventLoopP99Ms: value("nodejs_eventloop_lag_p99_seconds") * 1000,
  };
}

export async function databaseBytes(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ size: string }>("SELECT pg_database_size(current_database())::text AS size");
    return Number(rows[0].size);
  } finally {
    await client.end();
  }
}

/** A fresh (cold-cache) context opening the war room: navigation start → the timeline and the charts on screen. */
export async function warRoomFirstLoadMs(browser: Browser, baseUrl: string, cookie: string, runId: string): Promise<number> {
  const context = await newContext(browser, baseUrl, cookie);
  try {
    const page = await context.newPage();
    const start = performance.now();
    // A starved machine can take far longer than the 1 s target: wait long enough to measure it anyway.
    await page.goto(`${baseUrl}/runs/${runId}`, { timeout: LOAD_TIMEOUT_MS });
    await page.getByTestId("timeline").waitFor({ timeout: LOAD_TIMEOUT_MS });
    await page.locator('[data-testid="metrics-panel"]:not([data-retained-points="0"])').waitFor({ timeout: LOAD_TIMEOUT_MS });
    return performance.now() - start;
  } finally {
    await context.close();
  }
}
