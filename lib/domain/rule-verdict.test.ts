import { describe, expect, it } from "vitest";
import type { TSample } from "./metric-rules";
import { replayVerdicts, statusChanges } from "./rule-replay";
import { evaluateVerdict, fromLegacyWindow, isEvaluationDue, silenceMs, verdictLookbackMs, withVerdictDefaults, type TVerdictRuleInput } from "./rule-verdict";

const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);
const SEC = 1000;
const MIN = 60 * SEC;

function every(stepMs: number, from: number, to: number, value: (at: number) => number): TSample[] {
  const out: TSample[] = [];
  for (let at = from; at <= to; at += stepMs) out.push({ at, value: value(at) });
  return out;
}

const rule = (input: Partial<TVerdictRuleInput> = {}) => withVerdictDefaults({ comparator: ">", threshold: 5, aggregation: "mean", windowMinutes: 1, ...input });

describe("defaults", () => {
  it("hold on no data; recovery = the longer of window and sustained period", () => {
    expect(rule({ mode: { kind: "sustained", minutes: 5 } })).toMatchObject({ onNoData: "hold", recoveryMinutes: 5, intervalSeconds: 10, minSamples: 1 });
    expect(rule()).toMatchObject({ onNoData: "hold", recoveryMinutes: 1 });
  });

  it("maps today's windows so the runbook's words keep their meaning", () => {
    expect(fromLegacyWindow({ kind: "sustained", minutes: 5 })).toEqual({ aggregation: "mean", windowMinutes: 1, mode: { kind: "sustained", minutes: 5 } });
    expect(fromLegacyWindow({ kind: "sustained", minutes: 0.5 })).toMatchObject({ windowMinutes: 0.5 });
    expect(fromLegacyWindow({ kind: "sum", minutes: 5 })).toEqual({ aggregation: "sum", windowMinutes: 5, mode: { kind: "immediate" } });
    expect(fromLegacyWindow({ kind: "immediate" })).toEqual({ aggregation: "last", windowMinutes: 2, mode: { kind: "immediate" } });
  });
});

describe("inconclusive evaluations", () => {
  const r = rule({ minSamples: 3, staleAfterSeconds: 30 });

  it("no sample yet: inconclusive, and the silence counts from the first evaluation", () => {
    const first = evaluateVerdict(r, null, { samples: [] }, T0);
    expect(first).toMatchObject({ outcome: "inconclusive", changed: false, state: { status: "inconclusive", inconclusive: { kind: "no_data" } } });
    const later = evaluateVerdict(r, first.state, { samples: [] }, T0 + 192 * SEC);
    expect(silenceMs(later.state, T0 + 192 * SEC)).toBe(192 * SEC);
  });

  it("fewer samples than the minimum, then enough", () => {
    const two = every(5 * SEC, T0, T0 + 5 * SEC, () => 1);
    expect(evaluateVerdict(r, null, { samples: two }, T0 + 5 * SEC).state.inconclusive).toEqual({ kind: "too_few_samples", count: 2, required: 3 });
    const three = every(5 * SEC, T0, T0 + 10 * SEC, () => 1);
    expect(evaluateVerdict(r, null, { samples: three }, T0 + 10 * SEC)).toMatchObject({ outcome: "ok", changed: true, state: { status: "ok" } });
  });

  it("stale at exactly the limit; the live value keeps its sample time so its age shows", () => {
    const samples = every(5 * SEC, T0, T0 + 10 * SEC, () => 1);
    expect(evaluateVerdict(r, null, { samples }, T0 + 39_999).outcome).toBe("ok");
    const stale = evaluateVerdict(r, null, { samples }, T0 + 40 * SEC);
    expect(stale.ageMs).toBe(30 * SEC);
    expect(stale.state).toMatchObject({ inconclusive: { kind: "stale" }, live: { value: 1, sampleCount: 3, at: T0 + 10 * SEC }, lastSampleAt: T0 + 10 * SEC });
  });

  it("a data source error outranks the samples", () => {
    const samples = every(5 * SEC, T0, T0 + 10 * SEC, () => 1);
    const step = evaluateVerdict(r, null, { samples, providerError: "bad_data: parse error" }, T0 + 10 * SEC);
    expect(step.state.inconclusive).toEqual({ kind: "provider_error", message: "bad_data: parse error" });
  });
});

describe("modes", () => {
  const breaching = every(5 * SEC, T0, T0 + 20 * MIN, () => 9);

  it("immediate fires on the first breaching evaluation", () => {
    const steps = replayVerdicts(rule(), { samples: breaching, from: T0, to: T0 + 30 * SEC });
    expect(statusChanges(steps)).toEqual([{ at: T0, from: "inconclusive", to: "firing" }]);
  });

  it("sustained 5 min: pending from the first breach, firing exactly 5 min later", () => {
    const steps = replayVerdicts(rule({ mode: { kind: "sustained", minutes: 5 } }), { samples: breaching, from: T0, to: T0 + 6 * MIN });
    expect(statusChanges(steps)).toEqual([
      { at: T0, from: "inconclusive", to: "pending" },
      { at: T0 + 5 * MIN, from: "pending", to: "firing" },
    ]);
    expect(steps.find((s) => s.at === T0 + 4 * MIN)?.state.since).toBe(T0);
  });

  it("sustained: one ok evaluation restarts the streak", () => {
    const dip = breaching.map((s) => (s.at > T0 + 2 * MIN && s.at <= T0 + 3 * MIN ? { ...s, value: 1 } : s));
    const steps = replayVerdicts(rule({ mode: { kind: "sustained", minutes: 5 } }), { samples: dip, from: T0, to: T0 + 10 * MIN });
    // The one-minute mean is not above 5 from 2:30 to 3:30 (as many 1s as 9s); the streak restarts
    // at 3:40 and fires 5 minutes later.
    expect(statusChanges(steps).at(-1)).toEqual({ at: T0 + 8 * MIN + 40 * SEC, from: "pending", to: "firing" });
  });

  it("k of n: 3 of the last 5 evaluations", () => {
    // Breaching at evaluations 0, 2 and 4 (windows of 10 s, samples each 10 s): fires at the third.
    const alternating = every(10 * SEC, T0, T0 + 2 * MIN, (at) => (((at - T0) / (10 * SEC)) % 2 === 0 ? 9 : 1));
    const r = rule({ windowMinutes: 10 / 60, mode: { kind: "k_of_n", k: 3, n: 5 } });
    const steps = replayVerdicts(r, { samples: alternating, from: T0, to: T0 + 40 * SEC });
    expect(steps.map((s) => s.state.status)).toEqual(["pending", "ok", "pending", "ok", "firing"]);
    expect(steps.at(-1)?.state.recent).toHaveLength(5);
  });
});

describe("hysteresis and onNoData", () => {
  const r = rule({ mode: { kind: "sustained", minutes: 1 }, recoveryMinutes: 2 });
  const firingThenClear = every(5 * SEC, T0, T0 + 10 * MIN, (at) => (at < T0 + 3 * MIN ? 9 : 1));

  it("a firing rule resolves only after the recovery period of ok evaluations", () => {
    const steps = replayVerdicts(r, { samples: firingThenClear, from: T0, to: T0 + 10 * MIN });
    const changes = statusChanges(steps);
    // The one-minute mean drops under 5 at about 3:30; two minutes later the rule is ok.
    expect(changes.map((c) => c.to)).toEqual(["pending", "firing", "ok"]);
    expect(changes[2].at).toBe(T0 + 5 * MIN + 30 * SEC);
  });

  it("a lead may resolve it at once", () => {
    const steps = replayVerdicts(r, { samples: firingThenClear, from: T0, to: T0 + 5 * MIN, leadResolvesAt: [T0 + 4 * MIN] });
    expect(statusChanges(steps).at(-1)).toEqual({ at: T0 + 4 * MIN, from: "firing", to: "ok" });
  });

  it("hold: no data never ends a firing, and a silent pending rule becomes inconclusive", () => {
    const cut = firingThenClear.filter((s) => s.at < T0 + 2 * MIN);
    const steps = replayVerdicts(r, { samples: cut, from: T0, to: T0 + 10 * MIN });
    expect(statusChanges(steps).map((c) => c.to)).toEqual(["pending", "firing"]);
    expect(steps.at(-1)?.state.inconclusive).toEqual({ kind: "no_data" });
    const quickToStale = { ...r, staleAfterSeconds: 20 };
    const short = replayVerdicts(quickToStale, { samples: firingThenClear.filter((s) => s.at < T0 + 30 * SEC), from: T0, to: T0 + 3 * MIN });
    expect(statusChanges(short).map((c) => c.to)).toEqual(["pending", "inconclusive"]);
  });

  it("ignore keeps the status it had; fail counts no data as breaching", () => {
    const ok = every(5 * SEC, T0, T0 + 30 * SEC, () => 1);
    const ignore = replayVerdicts(rule({ onNoData: "ignore" }), { samples: ok, from: T0, to: T0 + 5 * MIN });
    expect(statusChanges(ignore).map((c) => c.to)).toEqual(["ok"]);
    const fail = replayVerdicts(rule({ onNoData: "fail" }), { samples: ok, from: T0, to: T0 + 5 * MIN });
    expect(statusChanges(fail).map((c) => c.to)).toEqual(["ok", "firing"]);
  });

  it("loads its window of history before each evaluation of its streak, or its staleness limit if longer", () => {
    expect(verdictLookbackMs(rule({ windowMinutes: 1 }))).toBe(2 * MIN);
    expect(verdictLookbackMs(rule({ windowMinutes: 5 }))).toBe(5 * MIN);
    expect(verdictLookbackMs(rule({ windowMinutes: 1, mode: { kind: "sustained", minutes: 5 } }))).toBe(6 * MIN);
    expect(verdictLookbackMs(rule({ windowMinutes: 1, intervalSeconds: 30, mode: { kind: "k_of_n", k: 3, n: 10 } }))).toBe(6 * MIN);
  });

  it("is due once per interval", () => {
    const step = evaluateVerdict(r, null, { samples: [] }, T0);
    expect(isEvaluationDue(null, r, T0)).toBe(true);
    expect(isEvaluationDue(step.state, r, T0 + 9_999)).toBe(false);
    expect(isEvaluationDue(step.state, r, T0 + 10 * SEC)).toBe(true);
  });
});
