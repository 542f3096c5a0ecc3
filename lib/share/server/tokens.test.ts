import { describe, expect, it } from "vitest";
import { hashShareToken, isWellFormedToken, newShareToken } from "./tokens";

describe("share tokens", () => {
  it("are 192-bit base64url strings, different every time", () => {
    const tokens = new Set(Array.from({ length: 1000 }, newShareToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(isWellFormedToken(token)).toBe(true);
      expect(Buffer.from(token, "base64url")).toHaveLength(24);
    }
  });

  it("hash to a stable hex digest that does not contain the token", () => {
    const token = newShareToken();
    expect(hashShareToken(token)).toBe(hashShareToken(token));
    expect(hashShareToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashShareToken(token)).not.toContain(token);
  });

  it("reject anything that is not a well-formed token before it reaches the database", () => {
    for (const bad of ["", "short", "x".repeat(33), "' OR 1=1 --xxxxxxxxxxxxxxxxxxxxxx", "<script>alert(1)</script>aaaaaaa", 42, null, { token: "a" }]) {
      expect(isWellFormedToken(bad)).toBe(false);
    }
  });
});
