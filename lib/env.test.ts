// The environment's checks at their edges: REDIS_URL is optional, a redis:// or rediss:// URL.
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("REDIS_URL", () => {
  it("is optional, and empty means unset", () => {
    expect(parseEnv({}).REDIS_URL).toBeUndefined();
    expect(parseEnv({ REDIS_URL: "" }).REDIS_URL).toBeUndefined();
  });

  it("accepts redis:// and rediss:// URLs, with credentials", () => {
    expect(parseEnv({ REDIS_URL: "redis://127.0.0.1:6379" }).REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(parseEnv({ REDIS_URL: "rediss://:s3cret@cache.internal:6380/2" }).REDIS_URL).toBe("rediss://:s3cret@cache.internal:6380/2");
  });

  it("refuses another scheme or a malformed URL, naming the variable", () => {
    expect(() => parseEnv({ REDIS_URL: "http://127.0.0.1:6379" })).toThrow(new EnvError("Invalid environment: REDIS_URL must start with redis:// or rediss://"));
    expect(() => parseEnv({ REDIS_URL: "redis://[::1" })).toThrow(/REDIS_URL is not a valid URL/);
  });
});

describe("OUTBOUND_ALLOW", () => {
  it("allows nothing internal when unset", () => {
    expect(parseEnv({}).OUTBOUND_ALLOW).toEqual({ hosts: [], cidrs: [] });
  });

  it("reads host names and CIDR ranges", () => {
    const allow = parseEnv({ OUTBOUND_ALLOW: "prometheus.internal, 10.0.0.0/8" }).OUTBOUND_ALLOW;
    expect(allow.hosts).toEqual(["prometheus.internal"]);
    expect(allow.cidrs.map((c) => c.prefix)).toEqual([8]);
  });

  it("names the entries it cannot read", () => {
    expect(() => parseEnv({ OUTBOUND_ALLOW: "10.0.0.0/8, prom:9090" })).toThrow(
      new EnvError("Invalid environment: OUTBOUND_ALLOW has entries that are neither a host name, an address nor a CIDR range: prom:9090"),
    );
  });
});

describe("TRUSTED_PROXIES", () => {
  it("trusts no proxy when unset", () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toEqual([]);
  });

  it("reads addresses and CIDR ranges", () => {
    expect(parseEnv({ TRUSTED_PROXIES: "10.0.0.0/8, 192.168.1.10" }).TRUSTED_PROXIES.map((c) => c.prefix)).toEqual([8, 32]);
  });

  it("names the entries it cannot read (a host name is not a proxy address)", () => {
    expect(() => parseEnv({ TRUSTED_PROXIES: "10.0.0.0/8, nginx.internal" })).toThrow(
      new EnvError("Invalid environment: TRUSTED_PROXIES has entries that are neither an address nor a CIDR range: nginx.internal"),
    );
  });
});
