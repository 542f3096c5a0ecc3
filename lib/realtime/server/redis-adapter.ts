// Socket.IO between instances through Redis (REDIS_URL): the Redis streams adapter. Broadcasts go
// through one stream, so they reach the other instances in the order they were sent, and a short
// Redis hiccup is caught up from the stream rather than lost.
import "server-only";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { localFirst } from "./local-first";
import { createClient } from "redis";
import { log, redactUrl } from "../../log";
import type { TClusterAdapter } from "./adapter";

/** Attempts before start-up gives up on an unreachable Redis (later losses are retried forever). */
const START_ATTEMPTS = 3;

type TRedisClient = ReturnType<typeof createClient>;

/** The stream broadcasts go through, per scope (tests delete theirs afterwards). */
export const redisStreamName = (scope: string) => `warroom#${scope}#stream`;

/**
 * `scope` keeps Warrooms that share one Redis apart (the stream and channel names): instances on the
 * same database must pass the same scope. Resolves once connected; rejects if Redis cannot be reached.
 */
export async function redisClusterAdapter(redisUrl: string, scope: string): Promise<TClusterAdapter> {
  let isStarted = false;
  const client: TRedisClient = createClient({
    url: redisUrl,
    // RESP2: the reply shapes the adapter reads (redis@6 defaults to RESP3).
    RESP: 2,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries, cause) => (!isStarted && retries >= START_ATTEMPTS ? cause : Math.min(100 * 2 ** retries, 3_000)),
    },
  });
  // The adapter reads with blocking XREADs on clients it duplicates from this one; they are kept so
  // close() can end them at once instead of waiting out a blocked read.
  const duplicates: TRedisClient[] = [];
  const duplicate = client.duplicate.bind(client);
  client.duplicate = ((...args: Parameters<TRedisClient["duplicate"]>) => {
    const copy = duplicate(...args);
    duplicates.push(copy as TRedisClient);
    return copy;
  }) as TRedisClient["duplicate"];
  // Before start-up the failed connect() says it all, once; afterwards each loss is worth a line.
  client.on("error", (error: Error) => {
    if (isStarted) log.warn("socket adapter redis error", { message: error.message, redis: redactUrl(redisUrl) });
  });
  try {
    await client.connect();
  } catch (error) {
    client.destroy();
    throw new Error(`Redis at ${redactUrl(redisUrl)} is unreachable: ${(error as Error).message}`);
  }
  isStarted = true;
  const adapter = localFirst(createAdapter(client, {
    streamName: redisStreamName(scope),
    channelPrefix: `warroom#${scope}`,
    heartbeatInterval: 5_000,
    heartbeatTimeout: 10_000,
  }));
  return {
    adapter,
    kind: "redis",
    // Call after io.close(), which stops the adapter's read loops; then nothing is left waiting.
    close: async () => {
      for (const copy of duplicates) copy.destroy();
      client.destroy();
    },
  };
}
