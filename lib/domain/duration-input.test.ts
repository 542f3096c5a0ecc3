import { describe, expect, it } from "vitest";
import { formatDurationInput, formatDurationSeconds, parseDurationInput } from "./duration-input";

describe("formatDurationInput", () => {
  it("shows a rehearsal's compressed window in seconds, never as a long fraction of a minute", () => {
    expect(formatDurationInput(5 / 30)).toBe("10 s");
    expect(formatDurationInput(1 / 3)).toBe("20 s");
    expect(formatDurationInput(0.5 / 30)).toBe("1 s");
    expect(formatDurationInput(2 / 30 / 10)).toBe("0.4 s");
  });
  it("shows whole minutes, minutes and seconds, and hours", () => {
    expect(formatDurationInput(5)).toBe("5 min");
    expect(formatDurationInput(2.5)).toBe("2 min 30 s");
    expect(formatDurationInput(1)).toBe("1 min");
    expect(formatDurationInput(90)).toBe("1 h 30 min");
    expect(formatDurationInput(60)).toBe("1 h");
  });
  it("rounds at the 60-second boundary to a minute, not “60 s”", () => {
    expect(formatDurationSeconds(59.96)).toBe("1 min");
    expect(formatDurationSeconds(59.9)).toBe("59.9 s");
  });
});

describe("parseDurationInput", () => {
  it("reads what the formatter writes back to the same minutes", () => {
    for (const minutes of [5 / 30, 1 / 3, 5, 2.5, 90, 60]) expect(parseDurationInput(formatDurationInput(minutes))).toBeCloseTo(minutes, 6);
  });
  it("reads the ways people type a duration", () => {
    expect(parseDurationInput("10s")).toBeCloseTo(1 / 6, 6);
    expect(parseDurationInput("10 sec")).toBeCloseTo(1 / 6, 6);
    expect(parseDurationInput("5m")).toBe(5);
    expect(parseDurationInput(" 5 MIN ")).toBe(5);
    expect(parseDurationInput("1h 30m")).toBe(90);
    expect(parseDurationInput("2:30")).toBe(2.5);
  });
  it("takes a bare number as minutes (what the rules store)", () => {
    expect(parseDurationInput("5")).toBe(5);
    expect(parseDurationInput("0.5")).toBe(0.5);
  });
  it("refuses what is not a positive duration", () => {
    for (const text of ["", "  ", "0", "0 s", "-5", "five minutes", "5 min and a bit", "5 parsecs", "2:75", "min"]) expect(parseDurationInput(text), text).toBeNull();
  });
});
