import { describe, expect, it } from "vitest";
import { shouldRecordStatus } from "./rule-replay";

const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);
const MIN = 60_000;
const decide = (severity: "success" | "rollback", status: "ok" | "firing", lastRecorded: { status: "ok" | "firing"; at: number } | null, now: number) =>
  shouldRecordStatus({ severity, status, lastRecorded, windowMinutes: 2, now });

describe("shouldRecordStatus", () => {
  it("never records the status already recorded", () => {
    expect(decide("rollback", "firing", { status: "firing", at: T0 }, T0 + 10 * MIN)).toBe(false);
  });

  it("escalation and rollback changes are recorded at once", () => {
    expect(decide("rollback", "firing", { status: "ok", at: T0 }, T0 + 1)).toBe(true);
    expect(decide("rollback", "ok", null, T0)).toBe(true);
  });

  it("a success criterion: its first status at once, then at most one change per window", () => {
    expect(decide("success", "ok", null, T0)).toBe(true);
    expect(decide("success", "firing", { status: "ok", at: T0 }, T0 + 2 * MIN - 1)).toBe(false);
    expect(decide("success", "firing", { status: "ok", at: T0 }, T0 + 2 * MIN)).toBe(true);
    // Flapped back before the window ended: nothing to record.
    expect(decide("success", "ok", { status: "ok", at: T0 }, T0 + 3 * MIN)).toBe(false);
  });
});
