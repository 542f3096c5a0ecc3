import { describe, expect, it } from "vitest";
import {
  checkpointBlockers,
  evaluateRule,
  formatProgress,
  judgeSeries,
  NO_DATA_AFTER_MS,
  type TRuleCondition,
  type TSample,
} from "./metric-rules";

const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);
const SEC = 1000;
const MIN = 60 * SEC;

/** Samples every `stepMs` from `from` (inclusive) to `to` (inclusive), all with `value`. */
function every(stepMs: number, from: number, to: number, value: number): TSample[] {
  const out: TSample[] = [];
  for (let at = from; at <= to; at += stepMs) out.push({ at, value });
  return out;
}

function shuffled<T>(items: readonly T[]): T[] {
  // Deterministic: reverse, then interleave, so the order is clearly not ascending.
  const reversed = [...items].reverse();
  return reversed.filter((_, i) => i % 2 === 0).concat(reversed.filter((_, i) => i % 2 === 1));
}

const immediate = (comparator: TRuleCondition["comparator"], threshold: number): TRuleCondition => ({
  comparator,
  threshold,
  window: { kind: "immediate" },
  stage: null,
});
const sustained = (threshold: number, minutes: number): TRuleCondition => ({
  comparator: ">",
  threshold,
  window: { kind: "sustained", minutes },
  stage: null,
});
const windowed = (kind: "count" | "sum", comparator: TRuleCondition["comparator"], threshold: number, minutes: number): TRuleCondition => ({
  comparator,
  threshold,
  window: { kind, minutes },
  stage: null,
});

describe("immediate rules: the latest value", () => {
  it("exactly at the threshold: > does not breach, >= does", () => {
    const samples = [{ at: T0, value: 1 }];
    expect(judgeSeries(immediate(">", 1), samples, T0).kind).toBe("calm");
    expect(judgeSeries(immediate(">=", 1), samples, T0).kind).toBe("firing");
    expect(judgeSeries(immediate("<", 1), samples, T0).kind).toBe("calm");
    expect(judgeSeries(immediate("<=", 1), samples, T0).kind).toBe("firing");
  });

  it("fires on the first breaching sample, since the start of the breaching streak", () => {
    const samples = [...every(10 * SEC, T0, T0 + 30 * SEC, 0.5), ...every(10 * SEC, T0 + 40 * SEC, T0 + 60 * SEC, 1.2)];
    expect(judgeSeries(immediate(">", 1), samples, T0 + 60 * SEC)).toEqual({ kind: "firing", since: T0 + 40 * SEC, value: 1.2 });
  });

  it("only the latest value counts: a good sample after a bad one is calm", () => {
    const samples = [{ at: T0, value: 9 }, { at: T0 + 10 * SEC, value: 0.2 }];
    expect(judgeSeries(immediate(">", 1), samples, T0 + 10 * SEC)).toEqual({ kind: "calm", since: T0 + 10 * SEC, value: 0.2 });
  });

  it("no samples, or none within the last 2 minutes: no data (exactly 2 minutes old is stale)", () => {
    expect(judgeSeries(immediate(">", 1), [], T0)).toEqual({ kind: "no_data", since: null });
    const samples = [{ at: T0, value: 5 }];
    expect(judgeSeries(immediate(">", 1), samples, T0 + NO_DATA_AFTER_MS - 1).kind).toBe("firing");
    expect(judgeSeries(immediate(">", 1), samples, T0 + NO_DATA_AFTER_MS)).toEqual({ kind: "no_data", since: T0 + NO_DATA_AFTER_MS });
  });

  it("a sample stamped after now waits for its time", () => {
    const samples = [{ at: T0, value: 0.1 }, { at: T0 + 5 * SEC, value: 7 }];
    expect(judgeSeries(immediate(">", 1), samples, T0 + 4 * SEC).kind).toBe("calm");
    expect(judgeSeries(immediate(">", 1), samples, T0 + 5 * SEC).kind).toBe("firing");
  });
});

describe("sustained rules: held at every evaluation through D", () => {
  const rule = sustained(5, 5);
  const breach = every(10 * SEC, T0, T0 + 10 * MIN, 7);

  it("pending with progress until D, firing exactly at D (since = start + D)", () => {
    const at3 = judgeSeries(rule, breach, T0 + 3 * MIN);
    expect(at3).toEqual({ kind: "pending", since: T0, value: 7, heldMs: 3 * MIN, requiredMs: 5 * MIN });
    expect(formatProgress(at3 as { heldMs: number; requiredMs: number })).toBe("3:00 of 5:00 breaching");
    expect(judgeSeries(rule, breach, T0 + 5 * MIN - 1).kind).toBe("pending");
    expect(judgeSeries(rule, breach, T0 + 5 * MIN)).toEqual({ kind: "firing", since: T0 + 5 * MIN, value: 7 });
  });

  it("the value holds between samples: D can be reached after the last sample, while it is fresh", () => {
    const samples = every(30 * SEC, T0, T0 + 4 * MIN, 6);
    expect(judgeSeries(rule, samples, T0 + 5 * MIN).kind).toBe("firing");
  });

  it("one good sample resets the streak", () => {
    const samples = breach.map((s) => (s.at === T0 + 2 * MIN ? { ...s, value: 3 } : s));
    const verdict = judgeSeries(rule, samples, T0 + 5 * MIN);
    expect(verdict).toMatchObject({ kind: "pending", since: T0 + 2 * MIN + 10 * SEC, heldMs: 3 * MIN - 10 * SEC });
    expect(judgeSeries(rule, samples, T0 + 7 * MIN + 10 * SEC).kind).toBe("firing");
  });

  it("exactly at the threshold is not a breach, so it resets too", () => {
    const samples = breach.map((s) => (s.at === T0 + 2 * MIN ? { ...s, value: 5 } : s));
    expect(judgeSeries(rule, samples, T0 + 5 * MIN).kind).toBe("pending");
  });

  it("out-of-order samples: the same verdict in any arrival order, and a late good sample still resets", () => {
    expect(judgeSeries(rule, shuffled(breach), T0 + 5 * MIN)).toEqual(judgeSeries(rule, breach, T0 + 5 * MIN));
    const lateGood = [...breach, { at: T0 + 3 * MIN + 5 * SEC, value: 0.4 }];
    expect(judgeSeries(rule, shuffled(lateGood), T0 + 5 * MIN)).toMatchObject({ kind: "pending", since: T0 + 3 * MIN + 10 * SEC });
  });

  it("a gap of 2 minutes or more breaks the streak; a shorter one does not", () => {
    const shortGap = [...every(10 * SEC, T0, T0 + 2 * MIN, 7), ...every(10 * SEC, T0 + 4 * MIN - 1, T0 + 6 * MIN, 7)];
    expect(judgeSeries(rule, shortGap, T0 + 5 * MIN)).toMatchObject({ kind: "firing", since: T0 + 5 * MIN });
    const longGap = [...every(10 * SEC, T0, T0 + 2 * MIN, 7), ...every(10 * SEC, T0 + 4 * MIN, T0 + 6 * MIN, 7)];
    expect(judgeSeries(rule, longGap, T0 + 5 * MIN)).toMatchObject({ kind: "pending", since: T0 + 4 * MIN, heldMs: MIN });
  });

  it("a breach whose samples stopped goes to no data, not firing", () => {
    const samples = every(10 * SEC, T0, T0 + MIN, 7);
    expect(judgeSeries(rule, samples, T0 + MIN + NO_DATA_AFTER_MS)).toEqual({ kind: "no_data", since: T0 + MIN + NO_DATA_AFTER_MS });
  });
});

describe("count and sum within a sliding window (now − W, now]", () => {
  const failures = windowed("sum", ">", 10, 5);

  it("> 10 failures in 5 minutes: fires when the sum passes 10, since the sample that made it", () => {
    const samples = [{ at: T0, value: 5 }, { at: T0 + MIN, value: 6 }];
    expect(judgeSeries(failures, samples, T0 + 30 * SEC)).toEqual({ kind: "calm", since: T0, value: 5 });
    expect(judgeSeries(failures, samples, T0 + MIN)).toEqual({ kind: "firing", since: T0 + MIN, value: 11 });
  });

  it("exactly at the threshold is not above it", () => {
    expect(judgeSeries(failures, [{ at: T0, value: 4 }, { at: T0 + MIN, value: 6 }], T0 + MIN).kind).toBe("calm");
  });

  it("a sample exactly W old has left the window; 1 ms younger it still counts", () => {
    const samples = [{ at: T0, value: 5 }, { at: T0 + MIN, value: 6 }];
    expect(judgeSeries(failures, samples, T0 + 5 * MIN - 1)).toMatchObject({ kind: "firing", value: 11 });
    expect(judgeSeries(failures, samples, T0 + 5 * MIN)).toEqual({ kind: "calm", since: T0 + 5 * MIN, value: 6 });
  });

  it("count counts samples, whatever their values", () => {
    const rule = windowed("count", ">=", 3, 5);
    const samples = [{ at: T0, value: 0 }, { at: T0 + MIN, value: 0 }, { at: T0 + 2 * MIN, value: 0 }];
    expect(judgeSeries(rule, samples, T0 + 2 * MIN)).toEqual({ kind: "firing", since: T0 + 2 * MIN, value: 3 });
    expect(judgeSeries(rule, samples, T0 + 5 * MIN)).toEqual({ kind: "calm", since: T0 + 5 * MIN, value: 2 });
  });

  it("no data once no sample is left within max(W, 2 min)", () => {
    const samples = [{ at: T0, value: 1 }];
    expect(judgeSeries(failures, samples, T0 + 5 * MIN - 1).kind).toBe("calm");
    expect(judgeSeries(failures, samples, T0 + 5 * MIN)).toEqual({ kind: "no_data", since: T0 + 5 * MIN });
    const short = windowed("sum", ">", 10, 1);
    expect(judgeSeries(short, samples, T0 + NO_DATA_AFTER_MS - 1)).toMatchObject({ kind: "calm", value: 0 });
    expect(judgeSeries(short, samples, T0 + NO_DATA_AFTER_MS).kind).toBe("no_data");
  });

  it("out-of-order arrival gives the same verdict", () => {
    const samples = every(20 * SEC, T0, T0 + 4 * MIN, 1);
    expect(judgeSeries(failures, shuffled(samples), T0 + 4 * MIN)).toEqual(judgeSeries(failures, samples, T0 + 4 * MIN));
    expect(judgeSeries(failures, samples, T0 + 4 * MIN)).toMatchObject({ kind: "firing", value: 13, since: T0 + 200 * SEC });
  });
});

describe("evaluateRule: stages, resolved, no data", () => {
  const rule = immediate(">", 1);
  const ok = [{ at: T0, value: 0.2 }];
  const bad = [{ at: T0, value: 4 }];

  it("the worst stage decides, and is named", () => {
    const result = evaluateRule(rule, [{ stage: "production", samples: ok }, { stage: "canary", samples: bad }], T0);
    expect(result).toEqual({ state: "firing", since: T0, value: 4, stage: "canary", progress: null });
  });

  it("a rule limited to one stage ignores the others", () => {
    const result = evaluateRule({ ...rule, stage: "production" }, [{ stage: "production", samples: ok }, { stage: "canary", samples: bad }], T0);
    expect(result).toMatchObject({ state: "ok", stage: "production", value: 0.2 });
  });

  it("calm after firing is resolved (and stays resolved, keeping its start); calm otherwise is ok", () => {
    const series = [{ stage: "canary" as const, samples: ok }];
    expect(evaluateRule(rule, series, T0, { state: "firing", since: T0 - MIN })).toMatchObject({ state: "resolved", since: T0 });
    expect(evaluateRule(rule, series, T0 + SEC, { state: "resolved", since: T0 - 5 })).toMatchObject({ state: "resolved", since: T0 - 5 });
    expect(evaluateRule(rule, series, T0, { state: "pending", since: T0 - MIN })).toMatchObject({ state: "ok" });
    expect(evaluateRule(rule, series, T0, null)).toMatchObject({ state: "ok" });
  });

  it("no series, or only stale ones: no data", () => {
    expect(evaluateRule(rule, [], T0)).toEqual({ state: "no_data", since: null, value: null, stage: null, progress: null });
    expect(evaluateRule(rule, [{ stage: "canary", samples: bad }], T0 + 3 * MIN).state).toBe("no_data");
  });

  it("pending carries its progress", () => {
    const result = evaluateRule(sustained(5, 5), [{ stage: "canary", samples: every(10 * SEC, T0, T0 + MIN, 9) }], T0 + MIN);
    expect(result).toMatchObject({ state: "pending", since: T0, progress: { heldMs: MIN, requiredMs: 5 * MIN } });
  });
});

describe("checkpointBlockers: the countdown runs only while escalate and rollback rules are green", () => {
  const rule = (severity: "success" | "escalate" | "rollback", state: "ok" | "pending" | "firing" | "resolved" | "no_data", isEnabled = true) => ({
    label: `${severity} ${state}`,
    severity,
    state,
    isEnabled,
  });

  it("ok, resolved and no data are green; pending and firing hold it", () => {
    expect(checkpointBlockers([rule("escalate", "ok"), rule("rollback", "resolved"), rule("rollback", "no_data")])).toEqual([]);
    expect(checkpointBlockers([rule("escalate", "pending"), rule("rollback", "firing")]).map((r) => r.label)).toEqual([
      "escalate pending",
      "rollback firing",
    ]);
  });

  it("success criteria and disabled rules never hold it", () => {
    expect(checkpointBlockers([rule("success", "firing"), rule("rollback", "firing", false)])).toEqual([]);
  });
});
