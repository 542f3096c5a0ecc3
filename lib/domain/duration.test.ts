import { describe, expect, it } from "vitest";
import { formatDurationShort, parseDuration } from "./duration";

describe("parseDuration", () => {
  it("reads units, combinations and bare seconds", () => {
    expect(parseDuration("30s")).toBe(30_000);
    expect(parseDuration("5m")).toBe(300_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("250ms")).toBe(250);
    expect(parseDuration("1.5s")).toBe(1_500);
    expect(parseDuration("30")).toBe(30_000);
    expect(parseDuration(" 0s ")).toBe(0);
  });

  it("refuses anything else", () => {
    for (const text of ["", "s", "30 s", "-5s", "5d", "5m30", "thirty", "1e3"]) expect(parseDuration(text)).toBeNull();
  });
});

describe("formatDurationShort", () => {
  it("writes whole units, shortest first", () => {
    expect(formatDurationShort(30_000)).toBe("30s");
    expect(formatDurationShort(5_400_000)).toBe("1h30m");
    expect(formatDurationShort(61_000)).toBe("1m1s");
    expect(formatDurationShort(200)).toBe("200ms");
  });
});
