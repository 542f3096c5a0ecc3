import { describe, expect, it } from "vitest";
import { checkpointGate, holdReason } from "./checkpoint-gate";
import { judgedRule, MIN, SEC, series, T0 } from "../../prisma/seed/fixtures/seed-rules";
import { withVerdictDefaults } from "./rule-verdict";

const calm = series(5 * SEC, T0, T0 + 20 * MIN, () => 0.5);
const gate = (rules: Parameters<typeof checkpointGate>[0]["rules"], now: number, countdownStartedAt: number | null = null) =>
  checkpointGate({ rules, greenMinutes: 5, countdownStartedAt, now });

describe("checkpointGate", () => {
  it("runs while every gating rule is ok with fresh data, and elapses at exactly the duration", () => {
    const now = T0 + 10 * MIN;
    const rules = [judgedRule({ samples: calm, from: T0, now })];
    expect(gate(rules, now)).toEqual({ kind: "running", startedAt: now, elapsedMs: 0, remainingMs: 5 * MIN, isElapsed: false });
    expect(gate(rules, now, now - 5 * MIN + 1)).toMatchObject({ remainingMs: 1, isElapsed: false });
    expect(gate(rules, now, now - 5 * MIN)).toMatchObject({ remainingMs: 0, isElapsed: true });
  });

  it("no sample at all: held, with the silence since the rule started", () => {
    const rules = [judgedRule({ samples: [], from: T0, now: T0 + 192 * SEC })];
    expect(gate(rules, T0 + 192 * SEC)).toEqual({ kind: "held", reasons: ["error_rate: no sample for 3:12 — is the monitoring feed running?"] });
  });

  it("a feed that stopped: held, with the age of its newest sample", () => {
    const stopped = calm.filter((s) => s.at <= T0 + 2 * MIN);
    const now = T0 + 5 * MIN + 12 * SEC;
    const rules = [judgedRule({ samples: stopped, from: T0, now, stage: "canary" })];
    expect(gate(rules, now)).toEqual({ kind: "held", reasons: ["error_rate (canary): no sample for 3:12 — is the monitoring feed running?"] });
  });

  it("a data source error and too few samples say so", () => {
    const now = T0 + 2 * MIN;
    const failing = judgedRule({ samples: calm, from: T0, now, providerErrorAt: (at) => (at >= T0 + 80 * SEC ? 'Prometheus 400 bad_data: parse error at char 5' : null) });
    expect(holdReason(failing, now)).toBe("error_rate: the data source failed (Prometheus 400 bad_data: parse error at char 5) — no verdict for 0:40");
    const sparse = judgedRule({ rule: withVerdictDefaults({ comparator: ">", threshold: 5, aggregation: "mean", windowMinutes: 1, minSamples: 20 }), samples: calm, from: T0, now });
    expect(holdReason(sparse, now)).toBe("error_rate: 12 of the 20 samples needed in the last 1 min — is the feed sending often enough?");
  });

  it("pending and firing rules hold it, with their live value and progress", () => {
    const bad = series(5 * SEC, T0, T0 + 20 * MIN, () => 8);
    const pending = judgedRule({ samples: bad, from: T0, now: T0 + 80 * SEC, stage: "canary" });
    expect(holdReason(pending, T0 + 80 * SEC)).toBe("“Error rate > 5% sustained (5 minutes)” is breaching for 1:20 of 5:00: 8% on canary, 0:00 ago");
    const firing = judgedRule({ samples: bad, from: T0, now: T0 + 6 * MIN });
    expect(gate([firing], T0 + 6 * MIN + 3 * SEC)).toEqual({ kind: "held", reasons: ["“Error rate > 5% sustained (5 minutes)” is firing: 8%, 0:03 ago"] });
  });

  it("success criteria and disabled rules do not gate; with nothing else, nothing verifies the checkpoint", () => {
    const now = T0 + 10 * MIN;
    const success = { ...judgedRule({ samples: [], from: T0, now }), severity: "success" as const };
    const disabled = { ...judgedRule({ samples: [], from: T0, now }), isEnabled: false };
    expect(gate([success, disabled], now)).toEqual({ kind: "held", reasons: ["no metric rule gates this checkpoint — nothing verifies it"] });
    expect(gate([success, disabled, judgedRule({ samples: calm, from: T0, now })], now).kind).toBe("running");
  });

  it("rules that ignore missing data do not hold it, but cannot pass a zero-sample run on their own", () => {
    const ignoring = withVerdictDefaults({ comparator: ">", threshold: 5, aggregation: "mean", windowMinutes: 1, onNoData: "ignore" });
    const now = T0 + 4 * MIN;
    const silent = judgedRule({ rule: ignoring, samples: [], from: T0, now });
    expect(gate([silent], now)).toEqual({ kind: "held", reasons: ["error_rate: no sample for 4:00 — is the monitoring feed running?"] });
    expect(gate([silent, judgedRule({ samples: calm, from: T0, now })], now).kind).toBe("running");
  });
});
