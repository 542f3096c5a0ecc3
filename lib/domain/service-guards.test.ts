import { describe, expect, it } from "vitest";
import { activeFreezeWindow, describeFreeze, guardsFor, lockConflict, nextFreezeEdge, nextGuardChange, type TFreezeView, zonedInstant } from "./service-guards";

const lock = { id: "l1", service: "midi-api", reason: "Incident 4411", holderName: "Ada Admin", takenAt: "2026-12-05T13:00:00.000Z" };
/** Weekdays 18:00 until 08:00 the next morning, Paris time. */
const evenings: TFreezeView = { id: "f1", service: null, reason: "Nights are for sleeping", createdByName: "Ada", kind: "weekly", weekdays: [1, 2, 3, 4, 5], startMinute: 18 * 60, endMinute: 8 * 60, timeZone: "Europe/Paris" };
const blackFriday: TFreezeView = { id: "f2", service: "Checkout", reason: "Black Friday", createdByName: "Ada", kind: "range", startsAt: "2026-11-27T00:00:00.000Z", endsAt: "2026-11-30T08:00:00.000Z", timeZone: "UTC" };
const at = (iso: string) => Date.parse(iso);

describe("zonedInstant", () => {
  it("reads a local time in its zone, across daylight saving time", () => {
    expect(new Date(zonedInstant({ year: 2026, month: 12, day: 7 }, 18 * 60, "Europe/Paris")).toISOString()).toBe("2026-12-07T17:00:00.000Z");
    expect(new Date(zonedInstant({ year: 2026, month: 7, day: 6 }, 18 * 60, "Europe/Paris")).toISOString()).toBe("2026-07-06T16:00:00.000Z");
    expect(new Date(zonedInstant({ year: 2026, month: 12, day: 7 }, 9 * 60, "America/New_York")).toISOString()).toBe("2026-12-07T14:00:00.000Z");
  });
});

describe("a weekly freeze", () => {
  it("holds from its start on a listed day until its end the next morning, in its time zone", () => {
    // Monday 7 December 2026: 17:59 Paris is before, 18:00 is in; Tuesday 07:59 in, 08:00 out.
    expect(activeFreezeWindow(evenings, at("2026-12-07T16:59:00Z"))).toBeNull();
    expect(activeFreezeWindow(evenings, at("2026-12-07T17:00:00Z"))).toEqual({ start: at("2026-12-07T17:00:00Z"), end: at("2026-12-08T07:00:00Z") });
    expect(activeFreezeWindow(evenings, at("2026-12-08T06:59:00Z"))).not.toBeNull();
    expect(activeFreezeWindow(evenings, at("2026-12-08T07:00:00Z"))).toBeNull();
    // Friday evening runs into Saturday morning; Saturday evening is not frozen.
    expect(activeFreezeWindow(evenings, at("2026-12-12T06:00:00Z"))).not.toBeNull();
    expect(activeFreezeWindow(evenings, at("2026-12-12T18:00:00Z"))).toBeNull();
  });

  it("with its end after its start stays within the day; a whole day when they are equal", () => {
    const lunch = { ...evenings, startMinute: 12 * 60, endMinute: 14 * 60, timeZone: "UTC" };
    expect(activeFreezeWindow(lunch, at("2026-12-07T13:00:00Z"))).toEqual({ start: at("2026-12-07T12:00:00Z"), end: at("2026-12-07T14:00:00Z") });
    expect(activeFreezeWindow(lunch, at("2026-12-07T14:00:00Z"))).toBeNull();
    const fridays = { ...evenings, weekdays: [5], startMinute: 0, endMinute: 0, timeZone: "UTC" };
    expect(activeFreezeWindow(fridays, at("2026-12-11T23:59:00Z"))).not.toBeNull();
    expect(activeFreezeWindow(fridays, at("2026-12-12T00:00:00Z"))).toBeNull();
  });

  it("names its next edge and reads as words", () => {
    expect(nextFreezeEdge(evenings, at("2026-12-07T12:00:00Z"))).toBe(at("2026-12-07T17:00:00Z"));
    expect(nextFreezeEdge(evenings, at("2026-12-07T17:00:00Z"))).toBe(at("2026-12-08T07:00:00Z"));
    expect(describeFreeze(evenings)).toBe("every Mon, Tue, Wed, Thu, Fri 18:00–08:00 Europe/Paris");
  });
});

describe("a date-range freeze", () => {
  it("holds from its start (inclusive) to its end (exclusive)", () => {
    expect(activeFreezeWindow(blackFriday, at("2026-11-26T23:59:59Z"))).toBeNull();
    expect(activeFreezeWindow(blackFriday, at("2026-11-27T00:00:00Z"))).not.toBeNull();
    expect(activeFreezeWindow(blackFriday, at("2026-11-30T08:00:00Z"))).toBeNull();
    expect(nextFreezeEdge(blackFriday, at("2026-11-30T08:00:00Z"))).toBeNull();
  });
});

describe("guardsFor", () => {
  it("words the lock and the freezes that hold a service, matched without regard to case", () => {
    const guards = guardsFor("CHECKOUT", { locks: [{ ...lock, service: "checkout" }], freezes: [blackFriday, evenings] }, at("2026-11-27T20:00:00Z"));
    expect(guards).toEqual([
      { source: "lock", key: "lock:l1", message: "checkout is locked by Ada Admin: Incident 4411", until: null },
      { source: "freeze", key: "freeze:f2", message: "Frozen (Checkout) until Mon 30 Nov 08:00 UTC: Black Friday", until: at("2026-11-30T08:00:00Z") },
      { source: "freeze", key: "freeze:f1", message: "Frozen (every service) until Sat 28 Nov 08:00 Europe/Paris: Nights are for sleeping", until: at("2026-11-28T07:00:00Z") },
    ]);
    expect(guardsFor("midi-api", { locks: [], freezes: [blackFriday] }, at("2026-11-28T12:00:00Z"))).toEqual([]);
    expect(nextGuardChange("midi-api", [blackFriday, evenings], at("2026-11-28T12:00:00Z"))).toBe(at("2026-11-30T17:00:00Z"));
  });

  it("a held lock's conflict names the holder and the reason", () => {
    expect(lockConflict(lock)).toBe("midi-api is already locked by Ada Admin since 2026-12-05 13:00 UTC: Incident 4411");
    expect(lockConflict(undefined)).toBeNull();
  });
});
