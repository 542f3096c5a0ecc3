import { describe, expect, it } from "vitest";
import { calendarGrid, dayParam, onDay, parseDayParam, shiftAnchor } from "./calendar";

const at = (iso: string) => Date.parse(iso);
const NOW = at("2026-12-05T15:00:00Z"); // a Saturday

describe("calendarGrid", () => {
  it("shows the week from Monday to Sunday around the anchor, today marked", () => {
    const grid = calendarGrid("week", at("2026-12-05T10:00:00Z"), NOW);
    expect(grid.days.map((d) => dayParam(d.start))).toEqual(["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]);
    expect(grid.days.filter((d) => d.isToday).map((d) => dayParam(d.start))).toEqual(["2026-12-05"]);
    expect(grid.days.every((d) => d.isInPeriod)).toBe(true);
    expect(grid.title).toBe("Week of 30 Nov 2026");
  });

  it("a Monday anchor starts its own week; a Sunday ends it", () => {
    expect(dayParam(calendarGrid("week", at("2026-12-07T00:00:00Z"), NOW).from)).toBe("2026-12-07");
    expect(dayParam(calendarGrid("week", at("2026-12-13T23:59:00Z"), NOW).from)).toBe("2026-12-07");
  });

  it("shows a month as whole weeks, the days outside the month marked so", () => {
    const grid = calendarGrid("month", at("2026-12-15T00:00:00Z"), NOW);
    expect(dayParam(grid.from)).toBe("2026-11-30");
    expect(dayParam(grid.to)).toBe("2027-01-04");
    expect(grid.days).toHaveLength(35);
    expect(grid.days.filter((d) => d.isInPeriod)).toHaveLength(31);
    expect(grid.title).toBe("December 2026");
  });
});

describe("shiftAnchor", () => {
  it("moves by a week, or to the first of the next or previous month (from the 31st too)", () => {
    expect(dayParam(shiftAnchor("week", at("2026-12-05T10:00:00Z"), 1))).toBe("2026-12-12");
    expect(dayParam(shiftAnchor("month", at("2027-01-31T00:00:00Z"), 1))).toBe("2027-02-01");
    expect(dayParam(shiftAnchor("month", at("2027-01-31T00:00:00Z"), -1))).toBe("2026-12-01");
  });
});

describe("onDay", () => {
  it("takes what overlaps the day, a window across midnight on both days, one ending at midnight on the first only", () => {
    const day = { start: at("2026-12-07T00:00:00Z"), end: at("2026-12-08T00:00:00Z") };
    const night = { start: at("2026-12-06T22:00:00Z"), end: at("2026-12-07T02:00:00Z") };
    const endsAtMidnight = { start: at("2026-12-06T22:00:00Z"), end: at("2026-12-07T00:00:00Z") };
    expect(onDay(day, [night, endsAtMidnight], (w) => w)).toEqual([night]);
  });
});

describe("parseDayParam", () => {
  it("reads YYYY-MM-DD as a UTC day and refuses anything else", () => {
    expect(parseDayParam("2026-12-07")).toBe(at("2026-12-07T00:00:00Z"));
    expect(parseDayParam("2026-13-40")).toBeNull();
    expect(parseDayParam("yesterday")).toBeNull();
    expect(parseDayParam(undefined)).toBeNull();
  });
});
