import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "./origin";

describe("isAllowedOrigin", () => {
  const allowed = ["https://warroom.example.com"];

  it("accepts the configured app origin and same-host pages", () => {
    expect(isAllowedOrigin("https://warroom.example.com", "internal:3000", allowed)).toBe(true);
    expect(isAllowedOrigin("http://localhost:3000", "localhost:3000", allowed)).toBe(true);
  });

  it("refuses another site, a look-alike host and garbage", () => {
    expect(isAllowedOrigin("https://evil.example", "localhost:3000", allowed)).toBe(false);
    expect(isAllowedOrigin("http://localhost:3001", "localhost:3000", allowed)).toBe(false);
    expect(isAllowedOrigin("https://warroom.example.com.evil.io", "x", allowed)).toBe(false);
    expect(isAllowedOrigin("not a url", "localhost:3000", allowed)).toBe(false);
  });

  it("lets non-browser clients (no Origin) through to the session check", () => {
    expect(isAllowedOrigin(undefined, "localhost:3000", allowed)).toBe(true);
  });
});
