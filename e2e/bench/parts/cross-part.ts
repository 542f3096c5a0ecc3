// Cross-instance: two Warroom servers on one database (joined by the PostgreSQL socket adapter). The
// lead changes items on A; the N clients are first on A (the single-instance baseline, same servers,
// same database, same run) and then on B, where every event arrives through the adapter.
import { closeOnSignal } from "../bench-server";
import { openFanout, type TFanoutLoad, type TFanoutResult } from "../fanout";
import { printFanout } from "../fanout-report";
import { seconds } from "../format";
import type { TBenchRow } from "../table";
import { fanoutTargetOf, startTickFixture, type TTickFixture } from "../tick-fixture";
import { msFigure, type TPart } from "./part";

const ADDED_P95_TARGET_MS = 20;

export const crossPart: TPart = async ({ options, ports }) => {
  const load: TFanoutLoad = { rate: options.rate, seconds: options.seconds, warmup: options.warmup };
  console.log(`cross       ${options.clients} clients · ${load.rate} changes/s · ${load.seconds} s, two instances on one database`);
  const fixture = await startTickFixture({ ports, instances: 2, label: "bench_cross" });
  closeOnSignal(fixture.close);
  try {
    const [a, b] = fixture.urls;
    console.log(`cross       instance A ${a} (the lead), instance B ${b}; ${fixture.databaseLabel}`);
    const single = await measureOn(fixture, a, options.clients, load, "A → A");
    const cross = await measureOn(fixture, b, options.clients, load, "A → B");
    return rows(cross, single);
  } finally {
    await fixture.close();
  }
};

async function measureOn(fixture: TTickFixture, clientUrl: string, clients: number, load: TFanoutLoad, label: string): Promise<TFanoutResult> {
  const session = await openFanout(fanoutTargetOf(fixture, clientUrl), clients);
  try {
    console.log(`${label.padEnd(12)}clients     ${session.clients} connected and joined to ${clientUrl} in ${seconds(session.connectMs)}`);
    const result = await session.measure(load);
    printFanout(label, result, { serverLog: fixture.serverLog() });
    return result;
  } finally {
    session.close();
  }
}

function rows(cross: TFanoutResult, single: TFanoutResult): TBenchRow[] {
  const label = "one instance";
  const p95 = cross.latency?.p95 ?? null;
  const singleP95 = single.latency?.p95 ?? null;
  return [
    { measure: "cross-instance p50", warroom: msFigure(cross.latency?.p50), baseline: msFigure(single.latency?.p50), baselineLabel: label, relation: "diff" },
    {
      measure: "cross-instance p95",
      warroom: msFigure(p95),
      baseline: msFigure(singleP95),
      baselineLabel: label,
      relation: "diff",
      target: `adds ≤ ${ADDED_P95_TARGET_MS} ms`,
      isMet: p95 !== null && singleP95 !== null && p95 - singleP95 <= ADDED_P95_TARGET_MS,
    },
    { measure: "cross-instance p99", warroom: msFigure(cross.latency?.p99), baseline: msFigure(single.latency?.p99), baselineLabel: label, relation: "diff" },
    {
      measure: "cross-instance gaps · out of order · missing",
      warroom: { value: cross.gaps + cross.outOfOrder + cross.missing, unit: "count" },
      baseline: { value: single.gaps + single.outOfOrder + single.missing, unit: "count" },
      target: "0",
      isMet: cross.isComplete,
    },
  ];
}
