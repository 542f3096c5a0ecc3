import { describe, expect, it } from "vitest";
import { safeReturnPath, signInPath } from "./return-path";

describe("safeReturnPath", () => {
  it("keeps a same-site page with its query", () => {
    expect(safeReturnPath("/runs/cm123")).toBe("/runs/cm123");
    expect(safeReturnPath("/runs/cm123/bridge?x=1#top")).toBe("/runs/cm123/bridge?x=1#top");
  });
  it("drops Next's internal _rsc parameter", () => {
    expect(safeReturnPath("/runs/cm123?_rsc=1x2y")).toBe("/runs/cm123");
  });
  it("refuses other sites, however written", () => {
    for (const raw of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "evil.example", "javascript:alert(1)", "/\nfoo", "/\u0000x"]) {
      expect(safeReturnPath(raw), JSON.stringify(raw)).toBeNull();
    }
  });
  it("keeps encoded characters encoded, on this site", () => {
    expect(safeReturnPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });
  it("never returns to the auth pages, an API route, or the home page it would reach anyway", () => {
    for (const raw of ["/sign-in", "/sign-in?next=%2Fruns", "/setup", "/set-password?token=x", "/api/runs/x", "/"]) expect(safeReturnPath(raw), raw).toBeNull();
    expect(safeReturnPath("/setupx")).toBe("/setupx");
  });
  it("refuses nothing-at-all and absurdly long input", () => {
    expect(safeReturnPath(null)).toBeNull();
    expect(safeReturnPath("")).toBeNull();
    expect(safeReturnPath(`/${"a".repeat(2001)}`)).toBeNull();
  });
});

describe("signInPath", () => {
  it("carries the page to return to, encoded", () => {
    expect(signInPath("/runs/cm123?x=1")).toBe("/sign-in?next=%2Fruns%2Fcm123%3Fx%3D1");
  });
  it("is plain /sign-in when there is nowhere worth returning to", () => {
    expect(signInPath("/")).toBe("/sign-in");
    expect(signInPath("//evil.example")).toBe("/sign-in");
    expect(signInPath(undefined)).toBe("/sign-in");
  });
});
