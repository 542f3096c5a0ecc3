// A lead's decision ends a firing (rule-verdict.ts advanceVerdict, isResolvedByLeadAt): at the
// evaluation that carries it, which never fires again itself, so the decision always shows; then
// the rule fires again only as its mode says.
import { describe, expect, it } from "vitest";
import type { TSample } from "./metric-rules";
import { replayVerdicts, statusChanges } from "./rule-replay";
import { isResolvedByLeadAt, withVerdictDefaults } from "./rule-verdict";

const T0 = Date.UTC(2026, 11, 5, 14, 0, 0);
const SEC = 1000;
const MIN = 60 * SEC;
const breaching: TSample[] = Array.from({ length: 181 }, (_, i) => ({ at: T0 + i * 5 * SEC, value: 9 }));

describe("a lead resolves a firing rule", () => {
  it("immediate, still breaching: pending at the decision, firing again at the next evaluation (a new firing to decide on)", () => {
    const rule = withVerdictDefaults({ comparator: ">", threshold: 5, aggregation: "last", windowMinutes: 2 });
    const steps = replayVerdicts(rule, { samples: breaching, from: T0, to: T0 + MIN, leadResolvesAt: [T0 + 30 * SEC] });
    expect(statusChanges(steps)).toEqual([
      { at: T0, from: "inconclusive", to: "firing" },
      { at: T0 + 30 * SEC, from: "firing", to: "pending" },
      { at: T0 + 40 * SEC, from: "pending", to: "firing" },
    ]);
  });

  it("sustained 5 min, still breaching: the streak restarts at the decision, so it fires again 5 minutes later", () => {
    const rule = withVerdictDefaults({ comparator: ">", threshold: 5, aggregation: "mean", windowMinutes: 1, mode: { kind: "sustained", minutes: 5 } });
    const decided = T0 + 6 * MIN;
    const steps = replayVerdicts(rule, { samples: breaching, from: T0, to: T0 + 12 * MIN, leadResolvesAt: [decided] });
    expect(statusChanges(steps).map((c) => [c.to, (c.at - T0) / SEC])).toEqual([
      ["pending", 0],
      ["firing", 300],
      ["pending", 360],
      ["firing", 660],
    ]);
  });

  it("applies only from the decision, and only to a firing that began before it", () => {
    const firing = { status: "firing" as const, since: T0 };
    expect(isResolvedByLeadAt(T0 + MIN, firing, T0 + MIN - 1)).toBe(false);
    expect(isResolvedByLeadAt(T0 + MIN, firing, T0 + MIN)).toBe(true);
    expect(isResolvedByLeadAt(T0 + MIN, { status: "firing", since: T0 + 2 * MIN }, T0 + 3 * MIN)).toBe(false);
    expect(isResolvedByLeadAt(T0 + MIN, { status: "pending", since: T0 }, T0 + 3 * MIN)).toBe(false);
    expect(isResolvedByLeadAt(null, firing, T0 + 3 * MIN)).toBe(false);
  });
});
