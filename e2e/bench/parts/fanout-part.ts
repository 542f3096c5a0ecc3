// Fan-out: N clients in one run room at --rate changes/s, Warroom (transaction timestamp → receive)
// against a bare Socket.IO server broadcasting the same payload to the same number of clients (send
// timestamp → receive), measured in interleaved rounds (Warroom, bare, Warroom, bare, … with the same
// clients: e2e/bench/interleave.ts) so both sides meet the same machine; the ratio is the median of
// the per-round ratios. Then Warroom's rate stepped up until p99 passes --knee-limit, and the bare
// server at that rate for comparison.
import os from "node:os";
import { startBaselineServer, type TBaselineServer } from "../baseline-server";
import { closeOnSignal } from "../bench-server";
import { openFanout, type TFanoutLoad, type TFanoutResult, type TFanoutTarget } from "../fanout";
import { printFanout, serverErrors } from "../fanout-report";
import { ms, seconds } from "../format";
import { median, roundLoad, summarizeRounds, type TRound } from "../interleave";
import { findKnee, isPastKnee, kneeReason, kneeRates, MIN_ACHIEVED_SHARE, type TKnee, type TKneeStep } from "../knee";
import type { TBenchRow } from "../table";
import { fanoutTargetOf, startTickFixture } from "../tick-fixture";
import { msFigure, type TPart } from "./part";

const P99_TARGET_MS = 50;
const BASELINE_RATIO_TARGET = 1.5;

export const fanoutPart: TPart = async ({ options, ports }) => {
  const load: TFanoutLoad = { rate: options.rate, ...roundLoad(options) };
  const kneeLoad = (rate: number): TFanoutLoad => ({ rate, seconds: options.kneeSeconds, warmup: Math.min(options.warmup, options.kneeSeconds / 4) });
  console.log(
    `fan-out     ${options.clients} clients · ${load.rate} changes/s · ${options.rounds} interleaved rounds (Warroom, bare, Warroom, bare, …) ` +
      `of ${seconds(load.seconds * 1000)} a side (first ${seconds(load.warmup * 1000)} of each left out)`,
  );
  const fixture = await startTickFixture({ ports, label: "bench_fanout" });
  closeOnSignal(fixture.close);
  let bare: TBaselineServer | undefined;
  try {
    console.log(`fan-out     Warroom: dist/server.js on ${fixture.baseUrl}, ${fixture.databaseLabel}`);
    const warroomTarget = fanoutTargetOf(fixture);
    let bareTarget: TFanoutTarget | undefined;
    const warroomRounds: TFanoutResult[] = [];
    const bareRounds: TFanoutResult[] = [];
    const rounds: TRound[] = [];
    for (let round = 1; round <= options.rounds; round += 1) {
      const { result: warroom, exampleEvent } = await withSession(warroomTarget, options.clients, async (session) => ({ result: await session.measure(load), exampleEvent: session.exampleEvent() }));
      if (!bare) {
        if (!exampleEvent) throw new Error("no Warroom event arrived, so the baseline has no payload to send");
        bare = await startBaselineServer({ port: await ports.next(), exampleEvent });
        console.log(`baseline    bare Socket.IO ${bare.url}, payload of a real run:event (${JSON.stringify(exampleEvent).length} bytes of JSON)`);
        // Same run id and items: the bare server ignores them but puts the run id in its events.
        bareTarget = { ...warroomTarget, clientUrl: bare.url, driverUrl: bare.url };
      }
      const baseline = await withSession(bareTarget!, options.clients, (session) => session.measure(load));
      warroomRounds.push(warroom);
      bareRounds.push(baseline);
      rounds.push({ warroom: warroom.latency?.p99 ?? null, baseline: baseline.latency?.p99 ?? null, load: os.loadavg()[0] });
      console.log(roundLine(round, warroom, baseline, rounds.at(-1)!.load));
      for (const error of serverErrors(warroom, fixture.serverLog())) console.log(`round ${round}     server log  ${error}`);
    }
    printFanout("fan-out", warroomRounds.at(-1)!, { serverLog: fixture.serverLog() });
    printFanout("baseline", bareRounds.at(-1)!, { stamp: "send timestamp" });

    const { steps } = await withSession(warroomTarget, options.clients, async (session) => {
      // The last round at --rate is the knee's first step: it may already be past the limit.
      const stepOf = (result: TFanoutResult) => ({ rate: result.rate, p99: result.latency?.p99 ?? null, achievedRate: result.achievedRate, result });
      const steps: TStep[] = [stepOf(warroomRounds.at(-1)!)];
      for (const rate of kneeRates(load.rate, options.kneeRates)) {
        if (isPastKnee(steps.at(-1)!, options.kneeLimit)) break;
        const result = await session.measure(kneeLoad(rate));
        steps.push(stepOf(result));
        console.log(`knee        ${kneeLine(result)}`);
        for (const error of serverErrors(result, fixture.serverLog())) console.log(`knee        server log  ${error}`);
      }
      return { steps };
    });
    const knee = findKnee(steps, options.kneeLimit);
    // A knee at --rate itself was measured in the rounds; only a higher rate needs a run of its own.
    const kneeRate = knee.firstAbove?.rate;
    const baselineAtKnee =
      kneeRate === undefined ? null : kneeRate === load.rate ? bareRounds.at(-1)! : await withSession(bareTarget!, options.clients, (session) => session.measure(kneeLoad(kneeRate)));
    if (baselineAtKnee && kneeRate !== load.rate) console.log(`baseline    at the knee: ${kneeLine(baselineAtKnee)}`);
    return rows(warroomRounds, bareRounds, rounds, { knee, baselineAtKnee, highestTried: steps.at(-1)!.rate, limit: options.kneeLimit });
  } finally {
    await bare?.close();
    await fixture.close();
  }
};

function roundLine(round: number, warroom: TFanoutResult, baseline: TFanoutResult, load: number): string {
  const ratio = warroom.latency && baseline.latency ? `${(warroom.latency.p99 / baseline.latency.p99).toFixed(2)}×` : "–";
  const faults = (r: TFanoutResult) => r.gaps + r.outOfOrder + r.missing;
  return (
    `round ${String(round).padEnd(6)}Warroom p50 ${ms(warroom.latency?.p50)} p99 ${ms(warroom.latency?.p99)} · bare p50 ${ms(baseline.latency?.p50)} ` +
    `p99 ${ms(baseline.latency?.p99)} · p99 ratio ${ratio} · gaps/out of order/missing ${faults(warroom)}/${faults(baseline)} · load average ${load.toFixed(2)}`
  );
}

async function withSession<T>(target: TFanoutTarget, clients: number, use: (session: Awaited<ReturnType<typeof openFanout>>) => Promise<T>): Promise<T> {
  const session = await openFanout(target, clients);
  console.log(`clients     ${session.clients} connected and joined to ${target.clientUrl} in ${seconds(session.connectMs)}`);
  try {
    return await use(session);
  } finally {
    session.close();
  }
}

function kneeLine(result: TFanoutResult): string {
  const refused = [...result.refused].map(([code, { count }]) => `${count} ${code}`).join(", ") || "0 refused";
  return (
    `${result.rate} changes/s requested, ${result.achievedRate.toFixed(1)} achieved · p50 ${ms(result.latency?.p50)} p95 ${ms(result.latency?.p95)} ` +
    `p99 ${ms(result.latency?.p99)} · ${refused} · gaps ${result.gaps} missing ${result.missing} · bench event-loop p99 ${ms(result.loop.p99)}`
  );
}

type TStep = TKneeStep & { result: TFanoutResult };

function rows(
  warroomRounds: TFanoutResult[],
  bareRounds: TFanoutResult[],
  rounds: TRound[],
  stepping: { knee: TKnee<TStep>; baselineAtKnee: TFanoutResult | null; highestTried: number; limit: number },
): TBenchRow[] {
  const label = `bare Socket.IO`;
  const medianOf = (results: TFanoutResult[], pick: (r: NonNullable<TFanoutResult["latency"]>) => number) =>
    median(results.flatMap((r) => (r.latency ? [pick(r.latency)] : [])));
  const summary = summarizeRounds(rounds);
  const rate = warroomRounds[0].rate;
  const of = `median of ${rounds.length} round${rounds.length > 1 ? "s" : ""}`;
  const isP99Met = summary.warroom !== null && summary.ratio !== null && summary.warroom <= P99_TARGET_MS && summary.ratio <= BASELINE_RATIO_TARGET;
  const faults = (results: TFanoutResult[]) => results.reduce((total, r) => total + r.gaps + r.outOfOrder + r.missing, 0);
  const result: TBenchRow[] = [
    { measure: `fan-out ${rate}/s p50 (${of})`, warroom: msFigure(medianOf(warroomRounds, (l) => l.p50)), baseline: msFigure(medianOf(bareRounds, (l) => l.p50)), baselineLabel: label, relation: "diff" },
    { measure: `fan-out ${rate}/s p95 (${of})`, warroom: msFigure(medianOf(warroomRounds, (l) => l.p95)), baseline: msFigure(medianOf(bareRounds, (l) => l.p95)), baselineLabel: label, relation: "diff" },
    {
      measure: `fan-out ${rate}/s p99 (${of})`,
      warroom: msFigure(summary.warroom),
      baseline: msFigure(summary.baseline),
      baselineLabel: label,
      relation: "ratio",
      rounds: summary.ratio === null ? undefined : { kind: "ratio", value: summary.ratio, low: summary.low!, high: summary.high!, count: summary.ratios.length },
      target: `≤ ${P99_TARGET_MS} ms and ≤ ${BASELINE_RATIO_TARGET}× baseline (median ratio)`,
      isMet: isP99Met,
    },
    {
      measure: "fan-out gaps · out of order · missing",
      warroom: { value: faults(warroomRounds), unit: "count" },
      baseline: { value: faults(bareRounds), unit: "count" },
      target: "0",
      isMet: warroomRounds.every((r) => r.isComplete),
    },
  ];
  const { knee, baselineAtKnee, limit } = stepping;
  const lastBelow = knee.lastBelow ? { value: knee.lastBelow.rate, unit: "changes/s" as const } : null;
  if (!knee.firstAbove) {
    const within = `p99 ≤ ${limit} ms, ≥ ${MIN_ACHIEVED_SHARE * 100}% accepted`;
    result.push({ measure: `knee: not reached up to ${stepping.highestTried}/s (${within})`, warroom: lastBelow, target: "report" });
    return result;
  }
  const atKnee = knee.firstAbove.result;
  const why = kneeReason(knee.firstAbove, limit) === "p99" ? `p99 > ${limit} ms` : `< ${MIN_ACHIEVED_SHARE * 100}% accepted`;
  result.push(
    { measure: `knee: first rate with ${why}`, warroom: { value: atKnee.rate, unit: "changes/s" }, target: "report" },
    { measure: `knee: last rate within limits`, warroom: lastBelow },
    {
      measure: `p99 at ${atKnee.rate}/s`,
      warroom: msFigure(atKnee.latency?.p99),
      baseline: msFigure(baselineAtKnee?.latency?.p99),
      baselineLabel: label,
      relation: "ratio",
    },
  );
  return result;
}
