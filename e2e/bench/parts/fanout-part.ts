// Fan-out: N clients in one run room at --rate changes/s, Warroom (transaction timestamp → receive)
// against a bare Socket.IO server broadcasting the same payload to the same number of clients (send
// timestamp → receive); then Warroom's rate stepped up until p99 passes --knee-limit, and the bare
// server at that rate for comparison.
import { startBaselineServer } from "../baseline-server";
import { closeOnSignal } from "../bench-server";
import { openFanout, type TFanoutLoad, type TFanoutResult, type TFanoutTarget } from "../fanout";
import { printFanout, serverErrors } from "../fanout-report";
import { ms, seconds } from "../format";
import { findKnee, isPastKnee, kneeReason, kneeRates, MIN_ACHIEVED_SHARE, type TKnee, type TKneeStep } from "../knee";
import type { TBenchRow } from "../table";
import { fanoutTargetOf, startTickFixture } from "../tick-fixture";
import { msFigure, type TPart } from "./part";

const P99_TARGET_MS = 50;
const BASELINE_RATIO_TARGET = 1.5;

export const fanoutPart: TPart = async ({ options, ports }) => {
  const load: TFanoutLoad = { rate: options.rate, seconds: options.seconds, warmup: options.warmup };
  const kneeLoad = (rate: number): TFanoutLoad => ({ rate, seconds: options.kneeSeconds, warmup: Math.min(options.warmup, options.kneeSeconds / 4) });
  console.log(`fan-out     ${options.clients} clients · ${load.rate} changes/s · ${load.seconds} s (first ${load.warmup} s left out)`);
  const fixture = await startTickFixture({ ports, label: "bench_fanout" });
  closeOnSignal(fixture.close);
  try {
    console.log(`fan-out     Warroom: dist/server.js on ${fixture.baseUrl}, ${fixture.databaseLabel}`);
    const warroomTarget = fanoutTargetOf(fixture);
    const { warroom, steps, exampleEvent } = await withSession(warroomTarget, options.clients, async (session) => {
      const warroom = await session.measure(load);
      printFanout("fan-out", warroom, { serverLog: fixture.serverLog() });
      // The measurement at --rate is the knee's first step: it may already be past the limit.
      const stepOf = (result: TFanoutResult) => ({ rate: result.rate, p99: result.latency?.p99 ?? null, achievedRate: result.achievedRate, result });
      const steps: TStep[] = [stepOf(warroom)];
      for (const rate of kneeRates(load.rate, options.kneeRates)) {
        if (isPastKnee(steps.at(-1)!, options.kneeLimit)) break;
        const result = await session.measure(kneeLoad(rate));
        steps.push(stepOf(result));
        console.log(`knee        ${kneeLine(result)}`);
        for (const error of serverErrors(result, fixture.serverLog())) console.log(`knee        server log  ${error}`);
      }
      return { warroom, steps, exampleEvent: session.exampleEvent() };
    });
    if (!exampleEvent) throw new Error("no Warroom event arrived, so the baseline has no payload to send");

    const bare = await startBaselineServer({ port: await ports.next(), exampleEvent });
    try {
      console.log(`baseline    bare Socket.IO ${bare.url}, payload of a real run:event (${JSON.stringify(exampleEvent).length} bytes of JSON)`);
      // Same run id and items: the bare server ignores them but puts the run id in its events.
      const bareTarget: TFanoutTarget = { ...warroomTarget, clientUrl: bare.url, driverUrl: bare.url };
      const knee = findKnee(steps, options.kneeLimit);
      const { baseline, baselineAtKnee } = await withSession(bareTarget, options.clients, async (session) => {
        const baseline = await session.measure(load);
        printFanout("baseline", baseline, { stamp: "send timestamp" });
        // A knee at --rate itself was just measured; only a higher rate needs a run of its own.
        const kneeRate = knee.firstAbove?.rate;
        const baselineAtKnee = kneeRate === undefined ? null : kneeRate === load.rate ? baseline : await session.measure(kneeLoad(kneeRate));
        if (baselineAtKnee && baselineAtKnee !== baseline) console.log(`baseline    at the knee: ${kneeLine(baselineAtKnee)}`);
        return { baseline, baselineAtKnee };
      });
      return rows(warroom, baseline, { knee, baselineAtKnee, highestTried: steps.at(-1)!.rate, limit: options.kneeLimit });
    } finally {
      await bare.close();
    }
  } finally {
    await fixture.close();
  }
};

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
  warroom: TFanoutResult,
  baseline: TFanoutResult,
  stepping: { knee: TKnee<TStep>; baselineAtKnee: TFanoutResult | null; highestTried: number; limit: number },
): TBenchRow[] {
  const label = "bare Socket.IO";
  const p99 = warroom.latency?.p99 ?? null;
  const baseP99 = baseline.latency?.p99 ?? null;
  const isP99Met = p99 !== null && baseP99 !== null && p99 <= P99_TARGET_MS && p99 <= BASELINE_RATIO_TARGET * baseP99;
  const result: TBenchRow[] = [
    { measure: `fan-out ${warroom.rate}/s p50`, warroom: msFigure(warroom.latency?.p50), baseline: msFigure(baseline.latency?.p50), baselineLabel: label, relation: "diff" },
    { measure: `fan-out ${warroom.rate}/s p95`, warroom: msFigure(warroom.latency?.p95), baseline: msFigure(baseline.latency?.p95), baselineLabel: label, relation: "diff" },
    {
      measure: `fan-out ${warroom.rate}/s p99`,
      warroom: msFigure(p99),
      baseline: msFigure(baseP99),
      baselineLabel: label,
      relation: "ratio",
      target: `≤ ${P99_TARGET_MS} ms and ≤ ${BASELINE_RATIO_TARGET}× baseline`,
      isMet: isP99Met,
    },
    {
      measure: "fan-out gaps · out of order · missing",
      warroom: { value: warroom.gaps + warroom.outOfOrder + warroom.missing, unit: "count" },
      baseline: { value: baseline.gaps + baseline.outOfOrder + baseline.missing, unit: "count" },
      target: "0",
      isMet: warroom.isComplete,
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
