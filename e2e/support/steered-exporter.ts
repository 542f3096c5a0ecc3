// An exporter the Prometheus tests steer: a service's HTTP, database and memory metrics per stage,
// in the conventional names the default PromQL templates query (http_requests_total{status}, the
// duration histograms, db_connection_errors_total, cAdvisor's memory gauges).
// Each scrape is one tick of traffic at the current settings, so a rate() over scrapes at one
// setting is exactly that setting (an error rate of 8% reads 8, not "about 8").
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export type TTraffic = {
  requestsPerScrape: number;
  errorPercent: number;
  latencySeconds: number;
  dbQuerySeconds: number;
  dbConnectionErrorsPerScrape: number;
  memoryPercent: number;
};
export type TSteeredStage = "canary" | "production";

/** The label values the exporter writes for each stage: production is "stable", as on many teams. */
export const EXPORTER_STAGE_LABEL = { label: "track", values: { staging: "staging", canary: "canary", production: "stable" } } as const;

export type TSteeredExporter = {
  /** host:port, for a scrape config. */
  address: string;
  /** Traffic for a stage from the next scrape on. */
  steer: (stage: TSteeredStage, traffic: Partial<TTraffic>) => void;
  scrapes: () => number;
  stop: () => Promise<void>;
};

const QUIET: TTraffic = { requestsPerScrape: 100, errorPercent: 0, latencySeconds: 0.05, dbQuerySeconds: 0.04, dbConnectionErrorsPerScrape: 0, memoryPercent: 55 };
/** The containers' memory limit (cAdvisor's container_spec_memory_limit_bytes). */
const MEMORY_LIMIT_BYTES = 512 * 1024 * 1024;

export async function startSteeredExporter(service: string): Promise<TSteeredExporter> {
  const registry = new Registry();
  const requests = new Counter({ name: "http_requests_total", help: "Requests served", labelNames: ["service", "track", "status"], registers: [registry] });
  const durations = new Histogram({
    name: "http_request_duration_seconds",
    help: "Request duration",
    labelNames: ["service", "track"],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const dbQueries = new Histogram({ name: "db_query_duration_seconds", help: "Database query duration", labelNames: ["service", "track"], buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5], registers: [registry] });
  const dbErrors = new Counter({ name: "db_connection_errors_total", help: "Failed database connections", labelNames: ["service", "track"], registers: [registry] });
  const memoryUsed = new Gauge({ name: "container_memory_working_set_bytes", help: "Working set", labelNames: ["service", "track"], registers: [registry] });
  const memoryLimit = new Gauge({ name: "container_spec_memory_limit_bytes", help: "Memory limit", labelNames: ["service", "track"], registers: [registry] });
  const traffic: Record<TSteeredStage, TTraffic> = { canary: { ...QUIET }, production: { ...QUIET } };
  // Every series exists from the first scrape, so rate() never meets a counter that appears mid-window.
  for (const stage of ["canary", "production"] as const) {
    const track = EXPORTER_STAGE_LABEL.values[stage];
    for (const status of ["200", "500"]) requests.inc({ service, track, status }, 0);
    dbErrors.inc({ service, track }, 0);
    memoryLimit.set({ service, track }, MEMORY_LIMIT_BYTES);
  }
  let scrapes = 0;

  function tick() {
    for (const stage of ["canary", "production"] as const) {
      const { requestsPerScrape, errorPercent, latencySeconds, dbQuerySeconds, dbConnectionErrorsPerScrape, memoryPercent } = traffic[stage];
      const track = EXPORTER_STAGE_LABEL.values[stage];
      const errors = Math.round((requestsPerScrape * errorPercent) / 100);
      requests.inc({ service, track, status: "500" }, errors);
      requests.inc({ service, track, status: "200" }, requestsPerScrape - errors);
      for (let i = 0; i < requestsPerScrape; i++) durations.observe({ service, track }, latencySeconds);
      for (let i = 0; i < 10; i++) dbQueries.observe({ service, track }, dbQuerySeconds);
      dbErrors.inc({ service, track }, dbConnectionErrorsPerScrape);
      memoryUsed.set({ service, track }, (MEMORY_LIMIT_BYTES * memoryPercent) / 100);
    }
  }

  const server: Server = createServer((request, response) => {
    if (request.url !== "/metrics") {
      response.writeHead(404).end();
      return;
    }
    scrapes++;
    tick();
    void registry.metrics().then((text) => response.writeHead(200, { "Content-Type": registry.contentType }).end(text));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    steer: (stage, change) => Object.assign(traffic[stage], change),
    scrapes: () => scrapes,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
