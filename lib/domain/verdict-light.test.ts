import { describe, expect, it } from "vitest";
import { judgedRule, MIN, SEC, series, T0 } from "../../prisma/seed/fixtures/seed-rules";
import { verdictLight } from "./verdict-light";

const calm = series(5 * SEC, T0, T0 + 20 * MIN, () => 0.5);
const bad = series(5 * SEC, T0, T0 + 20 * MIN, () => 8);
const now = T0 + 10 * MIN;

describe("verdictLight", () => {
  it("says nothing before traffic reaches the new version", () => {
    expect(verdictLight({ stage: "staging", rules: [judgedRule({ samples: [], from: T0, now })], now })).toBeNull();
    expect(verdictLight({ stage: null, rules: [], now })).toBeNull();
  });

  it("all gating rules ok with fresh data: nothing to add (statusLight may say ON TRACK)", () => {
    expect(verdictLight({ stage: "canary", rules: [judgedRule({ samples: calm, from: T0, now })], now })).toBeNull();
  });

  it("an inconclusive gating rule: UNVERIFIED, never on track", () => {
    const light = verdictLight({ stage: "canary", rules: [judgedRule({ samples: calm, from: T0, now }), judgedRule({ samples: [], from: T0, now: T0 + 4 * MIN })], now: T0 + 4 * MIN });
    expect(light).toEqual({ state: "attention", word: "UNVERIFIED", reason: "error_rate: no sample for 4:00 — is the monitoring feed running?" });
  });

  it("no gating rule at all, or only silent ignoring ones: UNVERIFIED", () => {
    expect(verdictLight({ stage: "production", rules: [], now })).toMatchObject({ word: "UNVERIFIED", reason: "No metric rule verifies this stage" });
    const ignoring = judgedRule({ samples: [], from: T0, now });
    const silent = { ...ignoring, rule: { ...ignoring.rule, onNoData: "ignore" as const } };
    expect(verdictLight({ stage: "production", rules: [silent], now })).toMatchObject({ word: "UNVERIFIED", reason: "No fresh data for 10 min" });
  });

  it("a firing rollback trigger is the rollback state, ahead of anything unverified", () => {
    const firing = judgedRule({ samples: bad, from: T0, now, stage: "canary" });
    const light = verdictLight({ stage: "canary", rules: [judgedRule({ samples: [], from: T0, now }), firing], now });
    expect(light).toEqual({ state: "rollback", word: "ROLLBACK", reason: "ROLLBACK RECOMMENDED: Error rate > 5% sustained (5 minutes) (8% on canary, 0:00 ago)" });
  });

  it("a firing escalation, or a pending rollback trigger, is attention", () => {
    const escalation = { ...judgedRule({ samples: bad, from: T0, now }), severity: "escalate" as const, label: "Error rate > 1%" };
    expect(verdictLight({ stage: "canary", rules: [escalation], now })).toMatchObject({ state: "attention", word: "ATTENTION", reason: "Error rate > 1%: 8%, 0:00 ago" });
    const pending = judgedRule({ samples: bad, from: T0, now: T0 + 2 * MIN });
    expect(verdictLight({ stage: "canary", rules: [pending], now: T0 + 2 * MIN })).toMatchObject({ word: "ATTENTION" });
  });
});
