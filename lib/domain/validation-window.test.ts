import { describe, expect, it } from "vitest";
import { DEFAULT_VALIDATION_WINDOW_MINUTES, markFaultyRefusal, validationOf, validationWindowMinutes } from "./validation-window";

const ended = new Date("2026-12-01T10:00:00Z");
const at = (minutes: number) => new Date(ended.getTime() + minutes * 60_000);
const completed = { status: "completed" as const, endedAt: ended, faultyAt: null, windowMinutes: 120 };

describe("validationWindowMinutes", () => {
  it("is the post-deployment phase's longest budget", () => {
    expect(validationWindowMinutes([{ key: "production", budgetMaxMinutes: 60 }, { key: "post_deployment", budgetMaxMinutes: 90 }])).toBe(90);
  });
  it("falls back to the default without a post-deployment phase (or with a zero budget)", () => {
    expect(validationWindowMinutes([])).toBe(DEFAULT_VALIDATION_WINDOW_MINUTES);
    expect(validationWindowMinutes([{ key: "post_deployment", budgetMaxMinutes: 0 }])).toBe(DEFAULT_VALIDATION_WINDOW_MINUTES);
  });
});

describe("validationOf", () => {
  it("is validating from completion until the window closes", () => {
    expect(validationOf(completed, ended)?.state).toBe("validating");
    expect(validationOf(completed, at(119.9))?.state).toBe("validating");
  });
  it("is healthy exactly when the window closes, and after", () => {
    expect(validationOf(completed, at(120))).toEqual({ state: "healthy", windowEndsAt: at(120) });
    expect(validationOf(completed, at(10_000))?.state).toBe("healthy");
  });
  it("is faulty once marked, inside the window or after it", () => {
    expect(validationOf({ ...completed, faultyAt: at(30) }, at(31))?.state).toBe("faulty");
    expect(validationOf({ ...completed, faultyAt: at(500) }, at(501))?.state).toBe("faulty");
  });
  it("has no state for a run that did not complete", () => {
    expect(validationOf({ ...completed, status: "rolled_back" }, at(1))).toBeNull();
    expect(validationOf({ ...completed, status: "monitoring", endedAt: null }, at(1))).toBeNull();
  });
});

describe("markFaultyRefusal", () => {
  it("allows a completed run with a reason", () => {
    expect(markFaultyRefusal(completed, "Checkout errors two hours after release")).toBeNull();
  });
  it("refuses runs that did not complete, a second mark, and an empty reason", () => {
    expect(markFaultyRefusal({ status: "production", faultyAt: null }, "x")).toMatch(/roll it back/);
    expect(markFaultyRefusal({ status: "rolled_back", faultyAt: null }, "x")).toMatch(/already counts/);
    expect(markFaultyRefusal({ ...completed, faultyAt: ended }, "x")).toMatch(/already marked/);
    expect(markFaultyRefusal(completed, "   ")).toMatch(/^reason/);
  });
});
