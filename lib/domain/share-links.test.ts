import { describe, expect, it } from "vitest";
import { defaultExpiry, shareLinkState } from "./share-links";

const H = 60 * 60_000;
const start = new Date("2026-12-01T14:00:00.000Z");

describe("defaultExpiry", () => {
  it("is 24 h after the planned window ends", () => {
    const run = { plannedStart: start, plannedDurationMin: 420 };
    expect(defaultExpiry(run, new Date(start.getTime() - 48 * H)).toISOString()).toBe("2026-12-02T21:00:00.000Z");
  });

  it("is 24 h from now when that moment has already passed (a run shared long after its window)", () => {
    const run = { plannedStart: start, plannedDurationMin: 60 };
    const now = new Date(start.getTime() + 72 * H);
    expect(defaultExpiry(run, now).getTime()).toBe(now.getTime() + 24 * H);
  });
});

describe("shareLinkState", () => {
  const expiresAt = "2026-12-02T21:00:00.000Z";
  it("is active until the very moment of expiry, expired from it on, revoked whatever the time", () => {
    expect(shareLinkState({ expiresAt, revokedAt: null }, new Date(Date.parse(expiresAt) - 1))).toBe("active");
    expect(shareLinkState({ expiresAt, revokedAt: null }, new Date(expiresAt))).toBe("expired");
    expect(shareLinkState({ expiresAt, revokedAt: "2026-12-01T00:00:00.000Z" }, new Date(0))).toBe("revoked");
  });
});
