import { beforeEach, describe, expect, it } from "vitest";
import { hit, isAllowed, resetRateLimits, spend, take, usage } from "./rate-limit";

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

describe("take", () => {
  it("says how long until the window starts afresh once the key is over", () => {
    for (let i = 0; i < 3; i++) expect(take("t", LIMIT, "ip", 1000 + i)).toEqual({ isAllowed: true });
    expect(take("t", LIMIT, "ip", 21_000)).toEqual({ isAllowed: false, retryAfterMs: 40_000 });
    expect(take("t", LIMIT, "ip", 61_000)).toEqual({ isAllowed: true });
  });
});

describe("usage and spend", () => {
  it("count many at once, and say what is used without counting", () => {
    expect(usage("u", LIMIT, "k", 0)).toEqual({ count: 0, resetsInMs: 60_000 });
    spend("u", LIMIT, "k", 2, 0);
    expect(usage("u", LIMIT, "k", 15_000)).toEqual({ count: 2, resetsInMs: 45_000 });
    expect(take("u", LIMIT, "k", 15_000)).toEqual({ isAllowed: true });
    expect(usage("u", LIMIT, "k", 60_000).count).toBe(0);
  });
});
