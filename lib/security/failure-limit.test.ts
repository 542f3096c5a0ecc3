import { beforeEach, describe, expect, it } from "vitest";
import { credentialPrefix, recordCredentialFailure, retryAfterSeconds } from "./failure-limit";
import { resetRateLimits } from "./rate-limit";

const LIMIT = { max: 3, windowMs: 60_000 };

beforeEach(resetRateLimits);

describe("credential failure limits", () => {
  it("answers limited from the failure past the limit, per address, with the wait", () => {
    const fail = (now: number, credential: string) => recordCredentialFailure("metric-token", { address: "10.0.0.1", credential }, LIMIT, now);
    expect([fail(0, "a"), fail(1, "b"), fail(2, "c")].every((v) => !v.isLimited)).toBe(true);
    expect(fail(30_000, "d")).toEqual({ isLimited: true, retryAfterMs: 30_000 });
    expect(fail(60_000, "e")).toEqual({ isLimited: false });
  });

  it("counts a credential prefix across addresses", () => {
    for (let i = 0; i < 3; i++) recordCredentialFailure("metric-token", { address: `10.0.0.${i}`, credential: "wrm_revoked" }, LIMIT, 0);
    expect(recordCredentialFailure("metric-token", { address: "10.0.0.9", credential: "wrm_revoked" }, LIMIT, 0).isLimited).toBe(true);
    expect(recordCredentialFailure("metric-token", { address: "10.0.0.9", credential: "wrm_other" }, LIMIT, 0).isLimited).toBe(false);
  });

  it("keeps kinds apart", () => {
    for (let i = 0; i < 4; i++) recordCredentialFailure("share-link", { address: "10.0.0.1", credential: `x${i}` }, LIMIT, 0);
    expect(recordCredentialFailure("sign-in", { address: "10.0.0.1", credential: "ada@example.com" }, LIMIT, 0).isLimited).toBe(false);
  });

  it("counts a token under what Warroom shows of it, and waits in whole seconds", () => {
    expect(credentialPrefix("wrm_AbCdEf0123456789")).toBe("wrm_AbCdEf");
    expect([retryAfterSeconds(1), retryAfterSeconds(1000), retryAfterSeconds(1001), retryAfterSeconds(0)]).toEqual(["1", "1", "2", "1"]);
  });
});
