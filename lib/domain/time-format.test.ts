import { describe, expect, it } from "vitest";
import { formatUtcClock, formatUtcDateTime } from "./time-format";

describe("formatUtcDateTime", () => {
  it("formats in UTC with the zone named", () => {
    expect(formatUtcDateTime("2025-03-10T14:00:00.000Z")).toBe("10 Mar 2025, 14:00 UTC");
  });

  it("accepts a Date and keeps midnight as 00, not 24", () => {
    expect(formatUtcDateTime(new Date("2025-12-31T00:05:00.000Z"))).toBe("31 Dec 2025, 00:05 UTC");
  });
});

describe("formatUtcClock", () => {
  it("shows seconds, zero-padded", () => {
    expect(formatUtcClock("2025-03-10T09:04:07.999Z")).toBe("09:04:07 UTC");
  });
});
