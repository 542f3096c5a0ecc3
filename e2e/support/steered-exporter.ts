// An exporter the Prometheus tests steer: a service's HTTP metrics per stage, in the conventional
// names the default PromQL templates query (http_requests_total{status}, the duration histogram).
// Each scrape is one tick of traffic at the current settings, so a rate() over scrapes at one
// setting is exactly that setting (an error rate of 8% reads 8, not "about 8").
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Counter, Histogram, Registry } from "prom-client";

export type TTraffic = { requestsPerScrape: number; errorPercent: number; latencySeconds: number };
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

const QUIET: TTraffic = { requestsPerScrape: 100, errorPercent: 0, latencySeconds: 0.05 };

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
  const traffic: Record<TSteeredStage, TTraffic> = { canary: { ...QUIET }, production: { ...QUIET } };
  // Every series exists from the first scrape, so rate() never meets a counter that appears mid-window.
  for (const stage of ["canary", "production"] as const) {
    for (const status of ["200", "500"]) requests.inc({ service, track: EXPORTER_STAGE_LABEL.values[stage], status }, 0);
  }
  let scrapes = 0;

  function tick() {
    for (const stage of ["canary", "production"] as const) {
      const { requestsPerScrape, errorPercent, latencySeconds } = traffic[stage];
      const track = EXPORTER_STAGE_LABEL.values[stage];
      const errors = Math.round((requestsPerScrape * errorPercent) / 100);
      requests.inc({ service, track, status: "500" }, errors);
      requests.inc({ service, track, status: "200" }, requestsPerScrape - errors);
      for (let i = 0; i < requestsPerScrape; i++) durations.observe({ service, track }, latencySeconds);
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
