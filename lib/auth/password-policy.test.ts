import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "./common-passwords";
import { isCommonPassword, ZPassword } from "./password-policy";

describe("the password policy", () => {
  it("bundles the 10,000 most common passwords, and the test password is not one of them", () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(10_000);
    expect(isCommonPassword("correct horse battery")).toBe(false);
  });

  it("refuses 11 characters, accepts exactly 12", () => {
    expect(ZPassword.safeParse("abcdefghijk").success).toBe(false);
    expect(ZPassword.safeParse("abcdefghijkl").success).toBe(true);
  });

  it("refuses a common password of any case, naming why", () => {
    const result = ZPassword.safeParse("MasterBating");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(/most common passwords/);
  });
});
