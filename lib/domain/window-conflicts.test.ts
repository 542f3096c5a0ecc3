import { describe, expect, it } from "vitest";
import { freezeWindowsBetween, type TFreezeView } from "./service-guards";
import { conflictsByRun, windowConflicts, windowEnd, type TPlannedWindow } from "./window-conflicts";

const at = (iso: string) => Date.parse(iso);
const ada = { userId: "u-ada", name: "Ada Lead" };
const bo = { userId: "u-bo", name: "Bo Lead" };

function window(runId: string, service: string, startIso: string, minutes: number, lead: TPlannedWindow["lead"] = null): TPlannedWindow {
  return { runId, name: `Run ${runId}`, service, start: at(startIso), end: windowEnd(at(startIso), minutes), lead };
}

const checkout = window("a", "checkout-api", "2026-12-07T10:00:00Z", 120, ada);
const blackFriday: TFreezeView = { id: "f1", service: null, reason: "Black Friday", createdByName: "Ada", kind: "range", startsAt: "2026-12-08T00:00:00.000Z", endsAt: "2026-12-09T00:00:00.000Z", timeZone: "UTC" };
const searchOnly: TFreezeView = { ...blackFriday, id: "f2", service: "Search", reason: "Index rebuild" };
const evenings: TFreezeView = { id: "f3", service: null, reason: "Nights are for sleeping", createdByName: "Ada", kind: "weekly", weekdays: [1, 2, 3, 4, 5], startMinute: 18 * 60, endMinute: 8 * 60, timeZone: "UTC" };

describe("two runs of one service", () => {
  it("overlapping by a minute conflict, named with the other run's window; matched without regard to case", () => {
    const other = window("b", "Checkout-API", "2026-12-07T11:59:00Z", 60, bo);
    expect(windowConflicts(checkout, [checkout, other], [])).toEqual([
      { kind: "service_overlap", withId: "b", reason: "Overlaps “Run b” (2026-12-07 11:59–12:59 UTC): two runs of Checkout-API at once" },
    ]);
  });

  it("back to back (one ends as the other starts) do not", () => {
    const next = window("b", "checkout-api", "2026-12-07T12:00:00Z", 60);
    expect(windowConflicts(checkout, [next], [])).toEqual([]);
    expect(windowConflicts(next, [checkout], [])).toEqual([]);
  });

  it("of different services at once do not, unless one lead runs both", () => {
    expect(windowConflicts(checkout, [window("b", "search", "2026-12-07T10:30:00Z", 30, bo)], [])).toEqual([]);
    expect(windowConflicts(checkout, [window("b", "search", "2026-12-07T10:30:00Z", 30, ada)], [])).toEqual([
      { kind: "lead_double_booked", withId: "b", reason: "Ada Lead also leads “Run b” (2026-12-07 10:30–11:00 UTC)" },
    ]);
  });

  it("without a lead, nobody is double-booked", () => {
    const leaderless = { ...checkout, lead: null };
    expect(windowConflicts(leaderless, [window("b", "search", "2026-12-07T10:30:00Z", 30, null)], [])).toEqual([]);
  });
});

describe("a window and the freezes", () => {
  it("is flagged inside a freeze of every service, from its first minute; not when it ends as the freeze starts", () => {
    const inside = window("c", "checkout-api", "2026-12-08T00:00:00Z", 30);
    expect(windowConflicts(inside, [], [blackFriday])).toEqual([
      { kind: "freeze", withId: "f1", reason: "Inside a freeze (every service, 2026-12-08 00:00 – 2026-12-09 00:00 UTC): Black Friday" },
    ]);
    expect(windowConflicts(window("d", "checkout-api", "2026-12-07T23:30:00Z", 30), [], [blackFriday])).toEqual([]);
  });

  it("ignores a freeze of another service", () => {
    expect(windowConflicts(window("c", "checkout-api", "2026-12-08T10:00:00Z", 30), [], [searchOnly])).toEqual([]);
    expect(windowConflicts(window("c", "search", "2026-12-08T10:00:00Z", 30), [], [searchOnly])).toHaveLength(1);
  });

  it("meets a weekly freeze on the evening it runs into, days ahead", () => {
    const late = window("e", "checkout-api", "2026-12-17T17:00:00Z", 120);
    expect(windowConflicts(late, [], [evenings]).map((c) => c.reason)).toEqual(["Inside a freeze (every service, 2026-12-17 18:00 – 2026-12-18 08:00 UTC): Nights are for sleeping"]);
    expect(windowConflicts(window("f", "checkout-api", "2026-12-19T10:00:00Z", 120), [], [evenings])).toEqual([]);
  });
});

describe("freezeWindowsBetween", () => {
  it("lists each weekly occurrence overlapping a month once, in order", () => {
    const windows = freezeWindowsBetween(evenings, at("2026-12-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
    // December 2026: 23 weekdays, plus Monday 30 November's evening running into 1 December.
    expect(windows).toHaveLength(24);
    expect(windows[0]).toEqual({ start: at("2026-11-30T18:00:00Z"), end: at("2026-12-01T08:00:00Z") });
    expect(windows.every((w, i) => i === 0 || w.start > windows[i - 1].start)).toBe(true);
  });
});

describe("conflictsByRun", () => {
  it("flags both runs of a clash and leaves the rest out", () => {
    const other = window("b", "checkout-api", "2026-12-07T11:00:00Z", 60);
    const elsewhere = window("c", "search", "2026-12-07T15:00:00Z", 60);
    const flagged = conflictsByRun([checkout, other, elsewhere], []);
    expect([...flagged.keys()].sort()).toEqual(["a", "b"]);
    expect(flagged.get("a")?.[0].withId).toBe("b");
  });
});
