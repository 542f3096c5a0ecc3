import { beforeEach, describe, expect, it } from "vitest";
import { hit, isAllowed, resetRateLimits } from "./rate-limit";

const LIMIT = { max: 3, windowMs: 60_000 };

beforeEach(resetRateLimits);

describe("rate limit", () => {
  it("allows exactly max hits per window, then refuses until the window has passed", () => {
    expect([1, 2, 3, 4].map(() => hit("t", LIMIT, "ip", 1000))).toEqual([true, true, true, false]);
    expect(isAllowed("t", LIMIT, "ip", 60_999)).toBe(false);
    expect(isAllowed("t", LIMIT, "ip", 61_000)).toBe(true);
    expect(hit("t", LIMIT, "ip", 61_000)).toBe(true);
  });

  it("counts keys and limiters separately", () => {
    for (let i = 0; i < 3; i++) hit("t", LIMIT, "a", 0);
    expect(hit("t", LIMIT, "a", 0)).toBe(false);
    expect(hit("t", LIMIT, "b", 0)).toBe(true);
    expect(hit("other", LIMIT, "a", 0)).toBe(true);
  });

  it("isAllowed does not use up an attempt", () => {
    for (let i = 0; i < 10; i++) expect(isAllowed("t", LIMIT, "ip", 0)).toBe(true);
    expect(hit("t", LIMIT, "ip", 0)).toBe(true);
  });

  it("stays bounded under a flood of distinct keys", () => {
    for (let i = 0; i < 25_000; i++) hit("flood", LIMIT, `ip-${i}`, i);
    const size = (globalThis as { __warroomRateLimits?: Map<string, Map<string, unknown>> }).__warroomRateLimits!.get("flood")!.size;
    expect(size).toBeLessThanOrEqual(10_000);
  });
});
