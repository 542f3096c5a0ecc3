// The chaos test's pass criteria, pure: what each client folded against what the database holds.
// A client may receive an event twice (live and in a replay) or late (a gap filled by re-joining);
// what it applies must still be exactly the seqs after its starting point, each once, in order, and
// its state must equal the database's. Every acknowledged command must be in the timeline at the
// seq its ack named.

export type TClientRecord = {
  label: string;
  /** lastSeq of the snapshot the client started from. */
  initialSeq: number;
  /** Seqs in the order the client folded them in. */
  applied: readonly number[];
  /** The same seq broadcast twice to one connection (never legitimate: a replay comes in the join's ack). */
  liveDuplicates: number;
  /** The server answered a re-join with "too far behind": the client could not catch up by replay. */
  tooFarBehind: number;
  fingerprint: string;
};

export type TAckedCommand = { commandId: string; seq: number };

export type TVerdictInput = {
  clients: readonly TClientRecord[];
  database: { lastSeq: number; fingerprint: string; seqByCommandId: ReadonlyMap<string, number> };
  acked: readonly TAckedCommand[];
};

export type TVerdict = {
  lost: number;
  duplicated: number;
  outOfOrder: number;
  /** Applied seqs outside (initialSeq, database lastSeq]. */
  unexpected: number;
  tooFarBehind: number;
  stateMismatches: number;
  ackedMissing: number;
  ackedAtWrongSeq: number;
  /** One line per problem (the first few per kind), empty when the run passed. */
  failures: string[];
  isOk: boolean;
};

const FAILURES_PER_KIND = 5;

export function judgeChaos(input: TVerdictInput): TVerdict {
  const { database } = input;
  const verdict: TVerdict = {
    lost: 0,
    duplicated: 0,
    outOfOrder: 0,
    unexpected: 0,
    tooFarBehind: 0,
    stateMismatches: 0,
    ackedMissing: 0,
    ackedAtWrongSeq: 0,
    failures: [],
    isOk: false,
  };
  const shown = new Map<string, number>();
  const fail = (kind: string, line: string) => {
    const count = shown.get(kind) ?? 0;
    shown.set(kind, count + 1);
    if (count < FAILURES_PER_KIND) verdict.failures.push(line);
  };

  for (const client of input.clients) {
    const seen = new Set<number>();
    let duplicated = client.liveDuplicates;
    let outOfOrder = 0;
    let unexpected = 0;
    for (const [i, seq] of client.applied.entries()) {
      if (seen.has(seq)) duplicated += 1;
      else if (i > 0 && seq < client.applied[i - 1]) outOfOrder += 1;
      if (seq <= client.initialSeq || seq > database.lastSeq) unexpected += 1;
      seen.add(seq);
    }
    let lost = 0;
    for (let seq = client.initialSeq + 1; seq <= database.lastSeq; seq++) if (!seen.has(seq)) lost += 1;
    verdict.lost += lost;
    verdict.duplicated += duplicated;
    verdict.outOfOrder += outOfOrder;
    verdict.unexpected += unexpected;
    verdict.tooFarBehind += client.tooFarBehind;
    if (lost) fail("lost", `${client.label}: ${lost} event(s) never applied (holds seq ${client.applied.at(-1) ?? client.initialSeq} of ${database.lastSeq})`);
    if (duplicated) fail("duplicated", `${client.label}: ${duplicated} duplicate(s) (${client.liveDuplicates} broadcast twice to one connection)`);
    if (outOfOrder) fail("order", `${client.label}: ${outOfOrder} event(s) applied out of seq order`);
    if (unexpected) fail("unexpected", `${client.label}: ${unexpected} applied seq(s) outside ${client.initialSeq + 1}..${database.lastSeq}`);
    if (client.tooFarBehind) fail("behind", `${client.label}: told it was too far behind to replay`);
    if (client.fingerprint !== database.fingerprint) {
      verdict.stateMismatches += 1;
      fail("state", `${client.label}: final state differs from the database's`);
    }
  }

  for (const { commandId, seq } of input.acked) {
    const stored = database.seqByCommandId.get(commandId);
    if (stored === undefined) {
      verdict.ackedMissing += 1;
      fail("acked", `acknowledged command ${commandId} (seq ${seq}) is not in the database`);
    } else if (stored !== seq) {
      verdict.ackedAtWrongSeq += 1;
      fail("ackseq", `acknowledged command ${commandId} was acked as seq ${seq} but stored as seq ${stored}`);
    }
  }

  const problems =
    verdict.lost + verdict.duplicated + verdict.outOfOrder + verdict.unexpected + verdict.tooFarBehind +
    verdict.stateMismatches + verdict.ackedMissing + verdict.ackedAtWrongSeq;
  verdict.isOk = problems === 0;
  return verdict;
}
