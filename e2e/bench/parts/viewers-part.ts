// 2,000 viewers on two instances behind the proxy (issue 20, item 4): Debian's nginx with the README's
// own config (e2e/support/nginx.ts) in front of two Warroom instances on one database; --viewers
// socket clients connect through it from several loopback addresses (the README's upstream is
// ip_hash, so one address would land every client on one instance), and the lead changes items
// through it too. Baseline: the bare Socket.IO server with the same number of clients, no proxy.
// Interleaved rounds (Warroom behind nginx, bare, …); the ratio is the median of the per-round ratios.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { startBaselineServer, type TBaselineServer } from "../baseline-server";
import { closeOnSignal } from "../bench-server";
import { openFanout, type TFanoutLoad, type TFanoutResult, type TFanoutTarget } from "../fanout";
import { printFanout } from "../fanout-report";
import { ms, seconds } from "../format";
import { roundLoad, summarizeRounds, type TRound } from "../interleave";
import type { TBenchRow } from "../table";
import { fanoutTargetOf, startTickFixture, type TTickFixture } from "../tick-fixture";
import { isNginxMissing, localNginxConfig, NGINX_MISSING_LINE, readmeNginxExample, startNginx } from "../../support/nginx";
import { msFigure, type TPart } from "./part";

const P99_TARGET_MS = 100;
const RATIO_TARGET = 1.5;
/** 127.0.X.1: ip_hash keys on the first three octets, so each X may pick either instance. */
const SOURCE_ADDRESSES = Array.from({ length: 16 }, (_, i) => `127.0.${i + 1}.1`);

export const viewersPart: TPart = async ({ options, ports }) => {
  if (isNginxMissing) {
    console.log(`viewers     skipped: ${NGINX_MISSING_LINE}`);
    return [{ measure: `${options.viewers} viewers behind nginx: skipped (${NGINX_MISSING_LINE})`, warroom: null }];
  }
  const load: TFanoutLoad = { rate: options.rate, ...roundLoad(options) };
  console.log(`viewers     ${options.viewers} socket viewers · ${load.rate} changes/s · nginx (README config) → two instances · ${options.rounds} interleaved rounds of ${seconds(load.seconds * 1000)} a side`);
  const token = randomBytes(16).toString("hex");
  const fixture = await startTickFixture({ ports, instances: 2, label: "bench_viewers", env: { METRICS_TOKEN: token } });
  closeOnSignal(fixture.close);
  let bare: TBaselineServer | undefined;
  const proxyPort = await ports.next();
  const nginx = await startNginx(localNginxConfig(readmeNginxExample(), { port: proxyPort, upstreams: fixture.urls.map((url) => new URL(url).host) }), proxyPort).catch(async (error: Error) => {
    await fixture.close();
    throw error;
  });
  try {
    console.log(`viewers     nginx ${nginx.url} → ${fixture.urls.join(", ")}; ${fixture.databaseLabel}`);
    const warroomTarget: TFanoutTarget = { ...fanoutTargetOf(fixture, nginx.url), driverUrl: nginx.url, localAddresses: SOURCE_ADDRESSES };
    const warroomRounds: TFanoutResult[] = [];
    const bareRounds: TFanoutResult[] = [];
    const rounds: TRound[] = [];
    for (let round = 1; round <= options.rounds; round += 1) {
      const warroom = await measureWith(warroomTarget, options.viewers, load, async () => console.log(`viewers     per instance: ${await socketsPerInstance(fixture, token)}`));
      if (!bare) {
        const example = warroom.exampleEvent;
        if (!example) throw new Error("no Warroom event arrived, so the baseline has no payload to send");
        bare = await startBaselineServer({ port: await ports.next(), exampleEvent: example });
      }
      const baseline = await measureWith({ ...warroomTarget, clientUrl: bare.url, driverUrl: bare.url, localAddresses: undefined }, options.viewers, load);
      warroomRounds.push(warroom.result);
      bareRounds.push(baseline.result);
      rounds.push({ warroom: warroom.result.latency?.p99 ?? null, baseline: baseline.result.latency?.p99 ?? null, load: os.loadavg()[0] });
      const faults = (r: TFanoutResult) => r.gaps + r.outOfOrder + r.missing;
      console.log(
        `round ${String(round).padEnd(6)}behind nginx p50 ${ms(warroom.result.latency?.p50)} p99 ${ms(warroom.result.latency?.p99)} · bare p50 ${ms(baseline.result.latency?.p50)} ` +
          `p99 ${ms(baseline.result.latency?.p99)} · gaps/out of order/missing ${faults(warroom.result)}/${faults(baseline.result)} · load average ${rounds.at(-1)!.load.toFixed(2)}`,
      );
    }
    printFanout("viewers", warroomRounds.at(-1)!, { serverLog: fixture.serverLog() });
    return rows(options.viewers, warroomRounds, rounds);
  } finally {
    await bare?.close();
    await nginx.stop();
    await fixture.close();
  }
};

async function measureWith(target: TFanoutTarget, viewers: number, load: TFanoutLoad, whileConnected?: () => Promise<void>) {
  const session = await openFanout(target, viewers);
  try {
    console.log(`clients     ${session.clients} connected and joined to ${target.clientUrl} in ${seconds(session.connectMs)}`);
    await whileConnected?.();
    const result = await session.measure(load);
    return { result, exampleEvent: session.exampleEvent() };
  } finally {
    session.close();
  }
}

/** Each instance's war-room sockets, from its own /metrics: the proxy did spread the viewers. */
async function socketsPerInstance(fixture: TTickFixture, token: string): Promise<string> {
  const counts = await Promise.all(
    fixture.urls.map(async (url) => {
      const text = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text(), () => "");
      return `${url} ${text.match(/^warroom_sockets_connected\{namespace="\/"\} (\d+)$/m)?.[1] ?? "?"}`;
    }),
  );
  return counts.join(" · ");
}

function rows(viewers: number, warroomRounds: TFanoutResult[], rounds: TRound[]): TBenchRow[] {
  const summary = summarizeRounds(rounds);
  const faults = warroomRounds.reduce((total, r) => total + r.gaps + r.outOfOrder + r.missing, 0);
  return [
    {
      measure: `${viewers} viewers, two instances behind nginx: p99 (median of ${rounds.length} rounds)`,
      warroom: msFigure(summary.warroom),
      baseline: msFigure(summary.baseline),
      baselineLabel: `bare Socket.IO, ${viewers} clients`,
      relation: "ratio",
      rounds: summary.ratio === null ? undefined : { kind: "ratio", value: summary.ratio, low: summary.low!, high: summary.high!, count: summary.ratios.length },
      target: `≤ ${P99_TARGET_MS} ms and ≤ ${RATIO_TARGET}× baseline`,
      isMet: summary.warroom !== null && summary.ratio !== null && summary.warroom <= P99_TARGET_MS && summary.ratio <= RATIO_TARGET,
    },
    { measure: `${viewers} viewers behind nginx: gaps · out of order · missing`, warroom: { value: faults, unit: "count" }, target: "0", isMet: warroomRounds.every((r) => r.isComplete) },
  ];
}
