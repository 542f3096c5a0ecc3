// The chaos verdict at its edges: each way a client or the database can be wrong is caught, and a
// gap filled by a replay (received late, applied in order) is not a failure.
import { describe, expect, it } from "vitest";
import { judgeChaos, type TClientRecord, type TVerdictInput } from "./verdict";

const client = (overrides: Partial<TClientRecord> = {}): TClientRecord => ({
  label: "client 1",
  initialSeq: 2,
  applied: [3, 4, 5, 6],
  liveDuplicates: 0,
  tooFarBehind: 0,
  fingerprint: "F",
  ...overrides,
});

const input = (overrides: Partial<TVerdictInput> = {}): TVerdictInput => ({
  clients: [client()],
  database: { lastSeq: 6, fingerprint: "F", seqByCommandId: new Map([["c-1", 4], ["c-2", 6]]) },
  acked: [{ commandId: "c-1", seq: 4 }, { commandId: "c-2", seq: 6 }],
  ...overrides,
});

describe("judgeChaos", () => {
  it("passes when every client applied exactly initialSeq+1..lastSeq and every ack is stored", () => {
    const verdict = judgeChaos(input());
    expect(verdict.isOk).toBe(true);
    expect(verdict.failures).toEqual([]);
  });

  it("a client that started at the latest seq has nothing to apply and passes", () => {
    expect(judgeChaos(input({ clients: [client({ initialSeq: 6, applied: [] })] })).isOk).toBe(true);
  });

  it("counts an event never applied as lost", () => {
    const verdict = judgeChaos(input({ clients: [client({ applied: [3, 4, 5] })] }));
    expect(verdict).toMatchObject({ lost: 1, isOk: false });
    expect(verdict.failures[0]).toMatch(/1 event\(s\) never applied \(holds seq 5 of 6\)/);
  });

  it("counts an event applied twice, and one broadcast twice to a connection, as duplicated", () => {
    expect(judgeChaos(input({ clients: [client({ applied: [3, 4, 4, 5, 6] })] }))).toMatchObject({ duplicated: 1, lost: 0, isOk: false });
    expect(judgeChaos(input({ clients: [client({ liveDuplicates: 2 })] }))).toMatchObject({ duplicated: 2, isOk: false });
  });

  it("counts an event applied after a later one as out of order", () => {
    expect(judgeChaos(input({ clients: [client({ applied: [3, 5, 4, 6] })] }))).toMatchObject({ outOfOrder: 1, lost: 0, isOk: false });
  });

  it("counts seqs outside the client's window as unexpected", () => {
    expect(judgeChaos(input({ clients: [client({ applied: [2, 3, 4, 5, 6] })] }))).toMatchObject({ unexpected: 1, isOk: false });
    expect(judgeChaos(input({ clients: [client({ applied: [3, 4, 5, 6, 7] })] }))).toMatchObject({ unexpected: 1, isOk: false });
  });

  it("fails a client whose state differs from the database's, or that had to give up replaying", () => {
    expect(judgeChaos(input({ clients: [client(), client({ label: "client 2", fingerprint: "G" })] }))).toMatchObject({ stateMismatches: 1, isOk: false });
    expect(judgeChaos(input({ clients: [client({ tooFarBehind: 1 })] }))).toMatchObject({ tooFarBehind: 1, isOk: false });
  });

  it("fails an acknowledged command missing from the timeline, or stored at another seq", () => {
    const missing = judgeChaos(input({ acked: [{ commandId: "c-3", seq: 5 }] }));
    expect(missing).toMatchObject({ ackedMissing: 1, isOk: false });
    expect(missing.failures).toEqual(["acknowledged command c-3 (seq 5) is not in the database"]);
    expect(judgeChaos(input({ acked: [{ commandId: "c-1", seq: 5 }] }))).toMatchObject({ ackedAtWrongSeq: 1, isOk: false });
  });

  it("shows at most five lines per kind of failure but counts them all", () => {
    const clients = Array.from({ length: 8 }, (_, i) => client({ label: `client ${i}`, applied: [3] }));
    const verdict = judgeChaos(input({ clients }));
    expect(verdict.lost).toBe(24);
    expect(verdict.failures).toHaveLength(5);
  });
});
