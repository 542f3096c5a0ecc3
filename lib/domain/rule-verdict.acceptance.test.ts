// Issue 15's acceptance figures, on the pure evaluator with seeded noise: the same series every run.
import { describe, expect, it } from "vitest";
import { checkpointGate } from "./checkpoint-gate";
import { replayVerdicts, shouldRecordStatus, statusChanges, type TRecorded } from "./rule-replay";
import {
  gaussian,
  judgedRule,
  MIN,
  SEC,
  SEED_ERROR_RATE_ROLLBACK,
  SEED_ERROR_RATE_SUCCESS,
  seededRandom,
  series,
  T0,
} from "../../prisma/seed/fixtures/seed-rules";

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const meanOf = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const interval = SEED_ERROR_RATE_ROLLBACK.intervalSeconds * SEC;

it("the seed's rollback trigger, read in the new terms", () => {
  expect(SEED_ERROR_RATE_ROLLBACK).toMatchObject({
    aggregation: "mean",
    windowMinutes: 1,
    comparator: ">",
    threshold: 5,
    mode: { kind: "sustained", minutes: 5 },
    onNoData: "hold",
    recoveryMinutes: 5,
    intervalSeconds: 10,
  });
});

describe("a canary at a true 8% error rate, single samples 4–13%, every 5 s", () => {
  const normal = gaussian(seededRandom(15));
  const samples = series(5 * SEC, T0, T0 + 20 * MIN, () => clamp(8 + 2.2 * normal(), 4, 13));
  const steps = replayVerdicts(SEED_ERROR_RATE_ROLLBACK, { samples, from: T0, to: T0 + 20 * MIN });
  const firstFiring = steps.find((s) => s.state.status === "firing");

  it("is the scenario it claims to be", () => {
    const values = samples.map((s) => s.value);
    expect(Math.abs(meanOf(values) - 8)).toBeLessThan(0.3);
    expect(Math.min(...values)).toBeLessThan(4.5);
    expect(Math.max(...values)).toBeGreaterThan(12.5);
    // Plenty of single samples under 5%: each would reset a streak of raw samples.
    expect(values.filter((v) => v < 5).length).toBeGreaterThan(10);
  });

  it("fires “Error rate > 5% sustained (5 minutes)” within 5 min + one interval", () => {
    expect(firstFiring).toBeDefined();
    expect(firstFiring!.at - T0).toBeLessThanOrEqual(5 * MIN + interval);
  });

  it("stays firing without flicker: no change once fired", () => {
    const after = steps.filter((s) => s.at >= firstFiring!.at);
    expect(after.every((s) => s.state.status === "firing")).toBe(true);
    expect(statusChanges(steps).map((c) => c.to)).toEqual(["pending", "firing"]);
  });
});

describe("a canary at 3% with spikes to 6%", () => {
  const random = seededRandom(3);
  // Noise of ±1 point, one sample in 20 spiking to 6%, and a 30-second burst at 6% every 4 minutes.
  const samples = series(5 * SEC, T0, T0 + 30 * MIN, (at) => {
    const isBurst = (at - T0) % (4 * MIN) < 30 * SEC && at > T0 + MIN;
    return isBurst || random() < 0.05 ? 6 : 3 + (random() * 2 - 1);
  });

  it("never fires, nor even goes pending", () => {
    expect(samples.filter((s) => s.value === 6).length).toBeGreaterThan(40);
    const steps = replayVerdicts(SEED_ERROR_RATE_ROLLBACK, { samples, from: T0, to: T0 + 30 * MIN });
    expect(statusChanges(steps).map((c) => c.to)).toEqual(["ok"]);
  });
});

describe("a zero-sample run", () => {
  it("is inconclusive (hold) throughout and never passes its checkpoint", () => {
    const steps = replayVerdicts(SEED_ERROR_RATE_ROLLBACK, { samples: [], from: T0, to: T0 + 30 * MIN });
    expect(steps.every((s) => s.state.status === "inconclusive" && s.state.inconclusive?.kind === "no_data")).toBe(true);
    for (const minutes of [0, 5, 10, 30]) {
      const now = T0 + minutes * MIN;
      const rule = judgedRule({ samples: [], from: T0, now });
      const success = judgedRule({ rule: SEED_ERROR_RATE_SUCCESS, samples: [], from: T0, now, severity: "success" });
      expect(checkpointGate({ rules: [rule, success], greenMinutes: 5, countdownStartedAt: T0, now }).kind).toBe("held");
    }
  });
});

describe("the seed's success criterion “Error rate < 0.1%” on a feed hovering around 0.1%", () => {
  const random = seededRandom(1);
  const samples = series(5 * SEC, T0, T0 + 20 * MIN, () => 0.05 + random() * 0.1);
  const replay = (recoveryMinutes: number) =>
    replayVerdicts({ ...SEED_ERROR_RATE_SUCCESS, intervalSeconds: 5, recoveryMinutes }, { samples, from: T0, to: T0 + 20 * MIN });

  it("holds still on screen: met stays met until unmet for its recovery period (by default its window)", () => {
    expect(statusChanges(replay(SEED_ERROR_RATE_SUCCESS.recoveryMinutes)).length).toBeLessThanOrEqual(3);
  });

  it("without hysteresis it flaps with the samples, but is recorded at most once per window, not per sample", () => {
    const steps = replay(0);
    expect(statusChanges(steps).length).toBeGreaterThan(50);
    let lastRecorded: TRecorded = null;
    const recorded: number[] = [];
    for (const step of steps) {
      const input = { severity: "success" as const, status: step.state.status, lastRecorded, windowMinutes: SEED_ERROR_RATE_SUCCESS.windowMinutes, now: step.at };
      if (!shouldRecordStatus(input)) continue;
      lastRecorded = { status: step.state.status, at: step.at };
      recorded.push(step.at);
    }
    expect(recorded.length).toBeLessThanOrEqual(20 / SEED_ERROR_RATE_SUCCESS.windowMinutes + 1);
    for (let i = 1; i < recorded.length; i++) expect(recorded[i] - recorded[i - 1]).toBeGreaterThanOrEqual(SEED_ERROR_RATE_SUCCESS.windowMinutes * MIN);
  });
});
