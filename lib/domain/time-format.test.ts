import { describe, expect, it } from "vitest";
import {
  formatBudget,
  formatCountdown,
  formatDuration,
  formatElapsedInWords,
  formatMinutesInWords,
  formatMinutesSeconds,
  formatSecondsInWords,
  formatStopwatch,
  formatUtcClock,
  formatUtcDateMinute,
  formatUtcDateTime,
  formatUtcMinute,
  formatUtcTimeOfDay,
} from "./time-format";

const MIN = 60_000;

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

describe("times of day from an ISO string, a Date or epoch milliseconds", () => {
  const instants = ["2025-03-10T09:04:07.999Z", new Date("2025-03-10T09:04:07.999Z"), Date.parse("2025-03-10T09:04:07.999Z")];

  it.each(instants)("%s reads the same whatever its form", (value) => {
    expect(formatUtcMinute(value)).toBe("09:04 UTC");
    expect(formatUtcDateMinute(value)).toBe("2025-03-10 09:04 UTC");
    expect(formatUtcTimeOfDay(value, false)).toBe("09:04");
    expect(formatUtcTimeOfDay(value, true)).toBe("09:04:07");
  });

  it("keeps midnight as 00:00 and the date it starts", () => {
    expect(formatUtcDateMinute("2025-12-31T00:00:00.000Z")).toBe("2025-12-31 00:00 UTC");
  });
});

describe("formatCountdown", () => {
  it.each([
    [0, "0:00"],
    [1, "0:01"],
    [999, "0:01"],
    [1000, "0:01"],
    [1001, "0:02"],
    [59_000, "0:59"],
    [59_001, "1:00"],
    [60_000, "1:00"],
    [61_000, "1:01"],
    [5 * MIN, "5:00"],
    [5 * MIN - 1, "5:00"],
    [65 * MIN, "65:00"],
  ])("%i ms → %s", (ms, expected) => {
    expect(formatCountdown(ms)).toBe(expected);
  });
});

describe("formatMinutesSeconds", () => {
  it.each([
    [0, "0:00"],
    [999, "0:00"],
    [1000, "0:01"],
    [59_999, "0:59"],
    [5 * MIN + 30_500, "5:30"],
    [65 * MIN, "65:00"],
  ])("%i ms → %s", (ms, expected) => {
    expect(formatMinutesSeconds(ms)).toBe(expected);
  });
});

describe("formatStopwatch", () => {
  it.each([
    [-5000, "0:00"],
    [0, "0:00"],
    [4 * MIN + 59_900, "4:59"],
    [5 * MIN, "5:00"],
    [60 * MIN, "1:00:00"],
    [65 * MIN + 7000, "1:05:07"],
  ])("%i ms → %s", (ms, expected) => {
    expect(formatStopwatch(ms)).toBe(expected);
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0:00"],
    [999, "0:00"],
    [1000, "0:01"],
    [59_999, "0:59"],
    [60_000, "1:00"],
    [5 * MIN + 30_000, "5:30"],
    [59 * MIN + 59_000, "59:59"],
    [60 * MIN, "1h 00m"],
    [65 * MIN, "1h 05m"],
    [65 * MIN + 59_000, "1h 05m"],
    [10 * 60 * MIN + 7 * MIN, "10h 07m"],
  ])("%i ms → %s", (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe("formatDuration with clock skew", () => {
  it("never shows a negative duration", () => {
    expect(formatDuration(-1000)).toBe("0:00");
  });
});

describe("formatBudget", () => {
  it("shows a single budget once", () => expect(formatBudget(15, 15)).toBe("15 min"));
  it("shows a range with an en dash", () => expect(formatBudget(30, 45)).toBe("30–45 min"));
  it("uses hours when both ends are whole hours", () => expect(formatBudget(360, 480)).toBe("6–8 h"));
  it("keeps minutes when one end is not a whole hour", () => expect(formatBudget(60, 90)).toBe("60–90 min"));
});

describe("formatSecondsInWords", () => {
  it.each([
    [5, "5 s"],
    [59, "59 s"],
    [60, "1 min"],
    [90, "1 min 30 s"],
    [120, "2 min"],
  ])("%i s → %s", (seconds, expected) => {
    expect(formatSecondsInWords(seconds)).toBe(expected);
  });
});

describe("formatMinutesInWords", () => {
  it.each([
    [0.5, "30 s"],
    [1, "1 min"],
    [1.5, "1.5 min"],
    [2 / 3, "40 s"],
    [10 / 3, "3.33 min"],
  ])("%d min → %s", (minutes, expected) => {
    expect(formatMinutesInWords(minutes)).toBe(expected);
  });
});

describe("formatElapsedInWords", () => {
  it("says minutes and seconds in words, so 51 seconds never reads as 51 minutes", () => {
    expect(formatElapsedInWords(51_000)).toBe("0 min 51 s");
    expect(formatElapsedInWords(12 * 60_000 + 5_000)).toBe("12 min 05 s");
    expect(formatElapsedInWords(59 * 60_000 + 59_999)).toBe("59 min 59 s");
  });
  it("switches to hours and minutes from an hour", () => {
    expect(formatElapsedInWords(60 * 60_000)).toBe("1 h 00 min");
    expect(formatElapsedInWords(65 * 60_000 + 30_000)).toBe("1 h 05 min");
  });
  it("never goes negative (clock skew)", () => {
    expect(formatElapsedInWords(-5_000)).toBe("0 min 00 s");
  });
});
