import { describe, expect, it } from "vitest";
import { parseChaosArgs, UsageError } from "./options";

describe("parseChaosArgs", () => {
  it("defaults to issue 8's scale on the PostgreSQL adapter", () => {
    expect(parseChaosArgs([])).toEqual({ clients: 100, changes: 1000, drops: 30, kills: 1, items: 6, inFlight: 4, adapter: "postgres", proxy: "none" });
  });

  it("takes every flag", () => {
    const argv = ["--clients", "20", "--changes", "150", "--drops", "4", "--kills", "2", "--items", "3", "--in-flight", "2", "--adapter", "redis", "--proxy", "nginx", "--port", "3400", "--seed", "7"];
    expect(parseChaosArgs(argv)).toEqual({ clients: 20, changes: 150, drops: 4, kills: 2, items: 3, inFlight: 2, adapter: "redis", proxy: "nginx", port: 3400, seed: 7 });
  });

  it("refuses a bad value naming the flag, and unknown flags", () => {
    expect(() => parseChaosArgs(["--clients", "3"])).toThrow(/^bad option: --clients: /);
    expect(() => parseChaosArgs(["--adapter", "mysql"])).toThrow(/--adapter/);
    expect(() => parseChaosArgs(["--proxy", "haproxy"])).toThrow(/--proxy/);
    expect(() => parseChaosArgs(["--instances", "3"])).toThrow(UsageError);
  });
});
