// Redis for tests: the URL to use (REDIS_URL, else the usual local one), whether it answers (tests
// that need it skip with the reason otherwise), and removing a test run's stream afterwards, since
// Redis outlives the test database.
import { createClient } from "redis";
import { redactUrl } from "../../lib/log";
import { redisScope } from "../../lib/realtime/server/adapter";
import { redisStreamName } from "../../lib/realtime/server/redis-adapter";

export const REDIS_TEST_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";

/** Null when Redis answers PING, else why a Redis test is skipped. */
export async function redisUnavailable(url = REDIS_TEST_URL): Promise<string | null> {
  const client = createClient({ url, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return `no Redis at ${redactUrl(url)}: ${(error as Error).message}`;
  } finally {
    client.destroy();
  }
}

/** Deletes the stream the instances on `databaseUrl` broadcast through. */
export async function dropRedisStream(databaseUrl: string, url = REDIS_TEST_URL): Promise<void> {
  const client = createClient({ url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.del(redisStreamName(redisScope(databaseUrl)));
  } finally {
    client.destroy();
  }
}
