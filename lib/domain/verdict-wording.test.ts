import { describe, expect, it } from "vitest";
import { judgedRule, MIN, SEC, series, T0 } from "../../prisma/seed/fixtures/seed-rules";
import { metricsLine, stageRecordVerdict, timeInStatus } from "./verdict-wording";

describe("timeInStatus", () => {
  const marks = [
    { at: T0 + 1 * MIN, status: "ok" as const },
    { at: T0 + 5 * MIN, status: "inconclusive" as const },
    { at: T0 + 9 * MIN, status: "ok" as const },
  ];

  it("counts the time before the first verdict as inconclusive, and clips to [from, to]", () => {
    expect(timeInStatus(marks, "inconclusive", T0, T0 + 20 * MIN)).toBe(5 * MIN);
    expect(timeInStatus(marks, "inconclusive", T0 + 6 * MIN, T0 + 8 * MIN)).toBe(2 * MIN);
    expect(timeInStatus(marks, "ok", T0 + 2 * MIN, T0 + 10 * MIN)).toBe(4 * MIN);
    expect(timeInStatus([], "inconclusive", T0, T0 + 14 * MIN)).toBe(14 * MIN);
  });
});

describe("stageRecordVerdict", () => {
  it("keeps ✅ Successful only with data", () => {
    expect(stageRecordVerdict("✅ Successful", { sampleCount: 240, noDataMs: 59_999 })).toBe("✅ Successful");
    expect(stageRecordVerdict("✅ Successful", { sampleCount: 0, noDataMs: 14 * MIN + 30 * SEC })).toBe("Unverified — no data for 14 min");
    expect(stageRecordVerdict("✅ Successful", { sampleCount: 120, noDataMs: 3 * MIN })).toBe("Unverified — no data for 3 min");
    expect(stageRecordVerdict("✅ Successful", { sampleCount: 0, noDataMs: 0 })).toBe("Unverified — no data");
  });

  it("leaves every other wording alone", () => {
    expect(stageRecordVerdict("❌ Rolled back at 10%", { sampleCount: 0, noDataMs: 14 * MIN })).toBe("❌ Rolled back at 10%");
  });
});

describe("metricsLine", () => {
  const now = T0 + 10 * MIN;
  const calm = series(5 * SEC, T0, T0 + 20 * MIN, () => 0.5);
  const bad = series(5 * SEC, T0, T0 + 20 * MIN, () => 7);

  it("all green only with fresh data", () => {
    expect(metricsLine([judgedRule({ samples: calm, from: T0, now })], now)).toBe("all green");
    expect(metricsLine([], now)).toBe("unverified: no metric rules");
  });

  it("unverified, with the minutes without data", () => {
    const stopped = calm.filter((s) => s.at <= T0 + 6 * MIN);
    expect(metricsLine([judgedRule({ samples: calm, from: T0, now }), judgedRule({ samples: stopped, from: T0, now })], now)).toBe("unverified: no data for 4 min");
    const failing = judgedRule({ samples: calm, from: T0, now, providerErrorAt: () => "connection refused" });
    expect(metricsLine([failing], now)).toBe("unverified: error rate data source failing");
  });

  it("a firing rollback trigger: the value, the stage, the recommendation", () => {
    expect(metricsLine([judgedRule({ samples: calm, from: T0, now }), judgedRule({ samples: bad, from: T0, now, stage: "canary" })], now)).toBe(
      "error rate 7% on canary, rollback recommended",
    );
    const escalation = { ...judgedRule({ samples: bad, from: T0, now }), severity: "escalate" as const };
    expect(metricsLine([escalation], now)).toBe("error rate 7%, investigating");
  });

  it("a pending rule: over threshold, for how long", () => {
    expect(metricsLine([judgedRule({ samples: bad, from: T0, now: T0 + 80 * SEC, stage: "canary" })], T0 + 80 * SEC)).toBe(
      "error rate 7% on canary, over threshold for 1:20: watching",
    );
  });
});
