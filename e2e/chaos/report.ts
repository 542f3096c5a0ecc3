// The chaos test's printout: what was done to the cluster, what the leads got back, what each client
// received and folded, and the verdict's counts (all must be 0).
import type { TChaosClient } from "./chaos-client";
import type { TLeadTally } from "./lead-driver";
import type { TChaosEvents } from "./run-chaos";
import type { TVerdict } from "./verdict";

export type TChaosReport = {
  seed: number;
  clients: TChaosClient[];
  tallies: [TLeadTally, TLeadTally];
  chaos: TChaosEvents;
  lastSeq: number;
  changesMs: number;
  quietMs: number;
  verdict: TVerdict;
};

export function printChaosReport(report: TChaosReport, print: (line: string) => void): void {
  const { clients, tallies, chaos, verdict } = report;
  const sum = (pick: (t: TLeadTally) => number) => tallies.reduce((total, t) => total + pick(t), 0);
  const refused = new Map<string, number>();
  for (const t of tallies) for (const [code, count] of t.refused) refused.set(code, (refused.get(code) ?? 0) + count);
  const refusedTotal = [...refused.values()].reduce((a, b) => a + b, 0);
  const refusedBy = [...refused].map(([code, count]) => `${count} ${code}`).join(", ") || "none";
  const perInstance = [...new Set(clients.map((c) => c.instance.name))].map((name) => `${clients.filter((c) => c.instance.name === name).length} on ${name}`).join(", ");

  const applied = clients.map((c) => c.applied.length);
  const live = clients.map((c) => c.liveArrivals);
  const reconnects = clients.reduce((total, c) => total + Math.max(0, c.connects - 1), 0);
  const filledByReplay = clients.reduce((total, c) => total + c.applied.filter((seq) => !c.liveSeqs.has(seq)).length, 0);
  const kills = chaos.kills.map((k) => `${k.instance} holding ${k.socketsHeld} sockets after ${k.atChange} changes (back in ${(k.restartMs / 1000).toFixed(1)} s)`).join("; ") || "none";

  print(`clients     ${clients.length} (${perInstance})`);
  print(
    `changes     ${sum((t) => t.sent)} sent in ${(report.changesMs / 1000).toFixed(1)} s · ${sum((t) => t.acked.length)} acknowledged · ` +
      `${refusedTotal} refused (${refusedBy}) · ${sum((t) => t.unacknowledged)} unacknowledged, resent with the same commandId ` +
      `(${sum((t) => t.resent)} resends) · ${sum((t) => t.lost.length)} never answered`,
  );
  print(`chaos       ${chaos.drops} socket drops · SIGKILL ${kills} · ${reconnects} reconnects in all`);
  print(
    `events      ${report.lastSeq} in the database · applied per client min ${Math.min(...applied)} max ${Math.max(...applied)} · ` +
      `received live per client min ${Math.min(...live)} max ${Math.max(...live)} · ${filledByReplay} filled by replay · ` +
      `quiet after ${(report.quietMs / 1000).toFixed(1)} s`,
  );
  print(
    `check       lost ${verdict.lost} · duplicated ${verdict.duplicated} · out of order ${verdict.outOfOrder} · unexpected ${verdict.unexpected} · ` +
      `too far behind ${verdict.tooFarBehind} · state mismatches ${verdict.stateMismatches}/${clients.length} · ` +
      `acknowledged missing from the database ${verdict.ackedMissing}/${sum((t) => t.acked.length)} · acked at another seq ${verdict.ackedAtWrongSeq}`,
  );
  for (const line of verdict.failures) print(`failure     ${line}`);
  print(`result      ${verdict.isOk ? "OK" : "FAIL"} (seed ${report.seed})`);
}
