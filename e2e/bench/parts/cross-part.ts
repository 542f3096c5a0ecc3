// Cross-instance: two Warroom servers on one database (joined by the PostgreSQL socket adapter). The
// lead changes items on A; the N clients are on A (the single-instance baseline, same servers, same
// database, same run) and then on B, where every event arrives through the adapter, in interleaved
// rounds (A → A, A → B, A → A, …: e2e/bench/interleave.ts); the added latency is the median of the
// per-round differences.
import os from "node:os";
import { closeOnSignal } from "../bench-server";
import { openFanout, type TFanoutLoad, type TFanoutResult } from "../fanout";
import { printFanout } from "../fanout-report";
import { ms, seconds } from "../format";
import { median, roundLoad, summarizeRounds, type TRound } from "../interleave";
import type { TBenchRow } from "../table";
import { fanoutTargetOf, startTickFixture, type TTickFixture } from "../tick-fixture";
import { msFigure, type TPart } from "./part";

const ADDED_P95_TARGET_MS = 20;

export const crossPart: TPart = async ({ options, ports }) => {
  const load: TFanoutLoad = { rate: options.rate, ...roundLoad(options) };
  console.log(
    `cross       ${options.clients} clients · ${load.rate} changes/s · two instances on one database · ${options.rounds} interleaved rounds ` +
      `(A → A, A → B, …) of ${seconds(load.seconds * 1000)} a side`,
  );
  const fixture = await startTickFixture({ ports, instances: 2, label: "bench_cross" });
  closeOnSignal(fixture.close);
  try {
    const [a, b] = fixture.urls;
    console.log(`cross       instance A ${a} (the lead), instance B ${b}; ${fixture.databaseLabel}`);
    const singles: TFanoutResult[] = [];
    const crosses: TFanoutResult[] = [];
    const rounds: TRound[] = [];
    for (let round = 1; round <= options.rounds; round += 1) {
      const isLast = round === options.rounds;
      singles.push(await measureOn(fixture, a, options.clients, load, "A → A", isLast));
      crosses.push(await measureOn(fixture, b, options.clients, load, "A → B", isLast));
      const [single, cross] = [singles.at(-1)!, crosses.at(-1)!];
      rounds.push({ warroom: cross.latency?.p95 ?? null, baseline: single.latency?.p95 ?? null, load: os.loadavg()[0] });
      console.log(
        `round ${String(round).padEnd(6)}A → B p50 ${ms(cross.latency?.p50)} p95 ${ms(cross.latency?.p95)} · A → A p50 ${ms(single.latency?.p50)} ` +
          `p95 ${ms(single.latency?.p95)} · load average ${rounds.at(-1)!.load.toFixed(2)}`,
      );
    }
    return rows(crosses, singles, rounds);
  } finally {
    await fixture.close();
  }
};

/** One measurement with the clients on `clientUrl`; `isDetailed` prints all its lines (the last round's). */
async function measureOn(fixture: TTickFixture, clientUrl: string, clients: number, load: TFanoutLoad, label: string, isDetailed: boolean): Promise<TFanoutResult> {
  const session = await openFanout(fanoutTargetOf(fixture, clientUrl), clients);
  try {
    console.log(`${label.padEnd(12)}clients     ${session.clients} connected and joined to ${clientUrl} in ${seconds(session.connectMs)}`);
    const result = await session.measure(load);
    if (isDetailed) printFanout(label, result, { serverLog: fixture.serverLog() });
    return result;
  } finally {
    session.close();
  }
}

function rows(crosses: TFanoutResult[], singles: TFanoutResult[], rounds: TRound[]): TBenchRow[] {
  const label = "one instance";
  const of = `median of ${rounds.length} round${rounds.length > 1 ? "s" : ""}`;
  const medianOf = (results: TFanoutResult[], pick: (l: NonNullable<TFanoutResult["latency"]>) => number) => median(results.flatMap((r) => (r.latency ? [pick(r.latency)] : [])));
  const p95 = summarizeRounds(rounds);
  const faults = (results: TFanoutResult[]) => results.reduce((total, r) => total + r.gaps + r.outOfOrder + r.missing, 0);
  return [
    { measure: `cross-instance p50 (${of})`, warroom: msFigure(medianOf(crosses, (l) => l.p50)), baseline: msFigure(medianOf(singles, (l) => l.p50)), baselineLabel: label, relation: "diff" },
    {
      measure: `cross-instance p95 (${of})`,
      warroom: msFigure(p95.warroom),
      baseline: msFigure(p95.baseline),
      baselineLabel: label,
      relation: "diff",
      rounds: p95.diff === null ? undefined : { kind: "diff", value: p95.diff, low: p95.diffLow!, high: p95.diffHigh!, count: rounds.length },
      target: `adds ≤ ${ADDED_P95_TARGET_MS} ms (median difference)`,
      isMet: p95.diff !== null && p95.diff <= ADDED_P95_TARGET_MS,
    },
    { measure: `cross-instance p99 (${of})`, warroom: msFigure(medianOf(crosses, (l) => l.p99)), baseline: msFigure(medianOf(singles, (l) => l.p99)), baselineLabel: label, relation: "diff" },
    {
      measure: "cross-instance gaps · out of order · missing",
      warroom: { value: faults(crosses), unit: "count" },
      baseline: { value: faults(singles), unit: "count" },
      target: "0",
      isMet: crosses.every((r) => r.isComplete),
    },
  ];
}
