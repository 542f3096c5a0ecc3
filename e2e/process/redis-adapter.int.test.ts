// The compiled server with REDIS_URL: an unreachable Redis stops start-up with one clear line that
// never shows the password; a reachable one is named in the log (redacted) and SIGTERM still stops
// the server cleanly, without waiting out the shutdown grace period on the adapter's blocked reads.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/integration";
import { dropRedisStream, REDIS_TEST_URL, redisUnavailable } from "../support/redis";
import { startServerProcess, stop, waitUntilHealthy } from "../support/server-process";

const database = useTestDatabase("redisproc");
const redisSkipReason = await redisUnavailable();
const AUTH_SECRET = "redis-process-test-secret-0123456789abcdef";

describe("REDIS_URL", () => {
  it("an unreachable Redis stops start-up with one line, password redacted", async () => {
    const server = await startServerProcess({
      DATABASE_URL: database.url(),
      AUTH_SECRET,
      REDIS_URL: "redis://:s3cret-redis-pass@127.0.0.1:1",
      LOG_LEVEL: "warn",
      HOST: "127.0.0.1",
    });
    expect(await server.exited).toBe(1);
    const out = server.output().trim();
    expect(out.split("\n")).toHaveLength(1);
    expect(out).toMatch(/^\[warroom\] ERROR Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 is unreachable: /);
    expect(out).not.toContain("s3cret");
  }, 120_000);

  it.skipIf(redisSkipReason !== null)(
    `a reachable Redis carries the broadcasts and SIGTERM stops cleanly${redisSkipReason ? ` (skipped: ${redisSkipReason})` : ""}`,
    async () => {
      const server = await startServerProcess({ DATABASE_URL: database.url(), AUTH_SECRET, REDIS_URL: REDIS_TEST_URL, LOG_LEVEL: "info", HOST: "127.0.0.1" });
      try {
        await waitUntilHealthy(server);
        expect(server.output()).toMatch(/instances share broadcasts through Redis at redis:\/\/.* \(Socket\.IO redis-streams adapter, scope warroom_test_redisproc_\w+\)/);
        expect(await stop(server)).toBe(0);
        expect(server.output()).toContain("[warroom] stopped");
        expect(server.output()).not.toContain("shutdown grace period over");
      } finally {
        server.child.kill("SIGKILL");
        await dropRedisStream(database.url());
      }
    },
    120_000,
  );
});
