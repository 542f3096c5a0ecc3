// The gauges read at scrape time, and Node's own metrics (event-loop lag, heap, CPU, handles).
// Installed once by server.ts: they read the process's Socket.IO server, its database pool and the
// rule table, which only the running server has.
import "server-only";
import client from "prom-client";
import { gateWaiterCount } from "../api/gate-watch";
import { db, poolUsage } from "../db/client";
import { TERMINAL_STATUSES } from "../domain/run-status";
import { log } from "../log";
import { getIo } from "../realtime/server/io";
import { metrics } from "./metrics";

const RULE_STATES = ["ok", "pending", "firing", "inconclusive"] as const;

export function installRuntimeCollectors(): void {
  const { registry } = metrics();
  if (registry.getSingleMetric("warroom_sockets_connected")) return;
  const registers = [registry];

  // Event-loop lag (nodejs_eventloop_lag_seconds and its percentiles), heap, GC, CPU, open handles.
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });

  new client.Gauge({
    name: "warroom_sockets_connected",
    help: "Sockets connected to this instance, per Socket.IO namespace (/ is the war room and bridge, /status the status links).",
    labelNames: ["namespace"] as const,
    registers,
    collect() {
      this.reset();
      const io = getIo();
      if (!io) return;
      for (const [name, namespace] of io._nsps) this.set({ namespace: name }, namespace.sockets.size);
    },
  });

  new client.Gauge({
    name: "warroom_db_pool_connections",
    help: "This instance's database pool: connections checked out (busy) and idle, and its maximum (max).",
    labelNames: ["state"] as const,
    registers,
    collect() {
      const usage = poolUsage();
      if (!usage) return;
      this.set({ state: "busy" }, usage.busy);
      this.set({ state: "idle" }, usage.idle);
      this.set({ state: "max" }, usage.max);
    },
  });

  new client.Gauge({
    name: "warroom_gate_waiters",
    help: "Requests of pipelines waiting on a run's gate in this instance (plain reads and long-polls).",
    registers,
    collect() {
      this.set(gateWaiterCount());
    },
  });

  new client.Gauge({
    name: "warroom_db_pool_waiting",
    help: "Queries of this instance waiting for a pooled connection.",
    registers,
    collect() {
      this.set(poolUsage()?.waiting ?? 0);
    },
  });

  new client.Gauge({
    name: "warroom_rules",
    help: "Enabled metric rules of runs still under way, by recorded state (the same on every instance: the database's view).",
    labelNames: ["state"] as const,
    registers,
    async collect() {
      try {
        const rows = await db().$queryRaw<{ state: string; n: number }[]>`
          SELECT r.state::text AS state, count(*)::int AS n
          FROM "RunMetricRule" r JOIN "Run" u ON u.id = r."runId"
          WHERE r."isEnabled" AND u.status::text <> ALL(${[...TERMINAL_STATUSES]}::text[])
          GROUP BY 1`;
        for (const state of RULE_STATES) this.set({ state }, rows.find((row) => row.state === state)?.n ?? 0);
      } catch (error) {
        // A scrape while the database is away still answers, without this gauge's fresh values.
        log.debug("rule states not collected", { message: (error as Error).message });
      }
    },
  });
}
