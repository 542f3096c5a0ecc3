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
