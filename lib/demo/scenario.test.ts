import { describe, expect, it } from "vitest";
import type { TSample } from "../domain/metric-rules";
import { replayVerdicts } from "../domain/rule-replay";
import { fromLegacyWindow, withVerdictDefaults, type TVerdictStatus } from "../domain/rule-verdict";
import { ABOVE_5_PERCENT_AT_S, HEALTHY_UNTIL_S, phaseAt, ROLLBACK_FIRES_AT_S, samplesAt } from "./scenario";

/** The canary error-rate series the demo sends every `step` scenario seconds up to `until`. */
function errorSeries(until: number, step = 5, stage = "canary"): TSample[] {
  const out: TSample[] = [];
  for (let t = 0; t <= until; t += step) out.push({ at: t * 1000, value: samplesAt(t).find((s) => s.metric === "error_rate" && s.stage === stage)!.value });
  return out;
}

// The seed's rules as the monitor judges them (every 10 s).
const rollbackRule = withVerdictDefaults({ comparator: ">", threshold: 5, unit: "%", ...fromLegacyWindow({ kind: "sustained", minutes: 5 }) });
const escalateRule = withVerdictDefaults({ comparator: ">", threshold: 1, unit: "%", ...fromLegacyWindow({ kind: "immediate" }) });

/** The rule's status at scenario second `t`, evaluated every interval from the start. */
function statusAt(rule: typeof rollbackRule, samples: readonly TSample[], t: number): TVerdictStatus {
  return replayVerdicts(rule, { samples, from: 0, to: t * 1000 }).at(-1)!.state.status;
}

describe("the demo scenario", () => {
  it("keeps the canary healthy (below 1%) for its first six minutes, production throughout", () => {
    expect(errorSeries(HEALTHY_UNTIL_S).every((s) => s.value < 1)).toBe(true);
    expect(errorSeries(20 * 60, 5, "production").every((s) => s.value < 1)).toBe(true);
  });

  it("passes 5% by the announced time and stays above it, so the 5-minute rule fires when announced", () => {
    const series = errorSeries(20 * 60);
    expect(series.filter((s) => s.at >= ABOVE_5_PERCENT_AT_S * 1000).every((s) => s.value > 5)).toBe(true);
    expect(statusAt(rollbackRule, series, ROLLBACK_FIRES_AT_S - 10)).toBe("pending");
    // Within one evaluation interval of the announced time.
    expect(statusAt(rollbackRule, series, ROLLBACK_FIRES_AT_S + 10)).toBe("firing");
    expect(statusAt(rollbackRule, series, HEALTHY_UNTIL_S)).toBe("ok");
    expect(statusAt(escalateRule, series, 7 * 60)).toBe("firing");
  });

  it("names its phases, and sends every metric for both stages with valid values", () => {
    expect([0, 400, 500, ROLLBACK_FIRES_AT_S].map(phaseAt)).toEqual([
      "healthy canary",
      "error rate climbing",
      "error rate above 5%: rollback rule pending",
      "rollback rule firing",
    ]);
    for (const t of [0, 123, 400, 700, 900]) {
      const samples = samplesAt(t);
      expect(samples).toHaveLength(14);
      for (const s of samples) expect(s.value).toBeGreaterThanOrEqual(0);
      expect(samples.filter((s) => s.metric === "db_connection_failures").every((s) => Number.isInteger(s.value))).toBe(true);
    }
  });

  it("never has more than 10 connection failures in a 5-minute window: only the error rate fires", () => {
    const failures = Array.from({ length: 400 }, (_, i) => samplesAt(i * 5).filter((s) => s.metric === "db_connection_failures").reduce((sum, s) => sum + s.value, 0));
    for (let start = 0; start + 60 <= failures.length; start++) {
      expect(failures.slice(start, start + 60).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10);
    }
  });
});
