// Several Warroom instances on one database: a Socket.IO adapter carries each broadcast (and
// fetchSockets for presence) to the other instances. By default Socket.IO's PostgreSQL adapter,
// with LISTEN/NOTIFY on that same database, so no extra service is needed (with one instance it
// costs one idle listening connection); with REDIS_URL set, the Redis streams adapter.
import "server-only";
import { createAdapter } from "@socket.io/postgres-adapter";
import type { ServerOptions } from "socket.io";
import pg from "pg";
import { log, redactUrl } from "../../log";
import { localFirst } from "./local-first";
import { redisClusterAdapter } from "./redis-adapter";

export type TClusterAdapter = {
  adapter: NonNullable<ServerOptions["adapter"]>;
  kind: "postgres" | "redis";
  /** Releases the adapter's connections; call after io.close(). */
  close: () => Promise<void>;
};

export function clusterAdapter(databaseUrl: string): TClusterAdapter {
  // Its own small pool: the LISTEN connection stays checked out, publishing needs one more.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  pool.on("error", (error) => log.warn("socket adapter database error", { message: error.message, database: redactUrl(databaseUrl) }));
  const adapter = localFirst(createAdapter(pool, {
    tableName: "socket_io_attachments",
    heartbeatInterval: 5_000,
    heartbeatTimeout: 10_000,
    errorHandler: (error: Error) => log.warn("socket adapter error", { message: error.message }),
  }));
  return { adapter, kind: "postgres", close: () => pool.end() };
}

/**
 * Instances that share a database form one Warroom, so its name scopes the Redis stream: two
 * Warrooms (or test runs) on one Redis never see each other's broadcasts.
 */
export function redisScope(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || "postgres";
}

/** The adapter this instance uses (Redis when REDIS_URL is set), logged without secrets. */
export async function openClusterAdapter(config: { databaseUrl: string; redisUrl?: string }): Promise<TClusterAdapter> {
  if (!config.redisUrl) {
    log.info("instances share broadcasts through PostgreSQL (Socket.IO postgres adapter)");
    return clusterAdapter(config.databaseUrl);
  }
  const scope = redisScope(config.databaseUrl);
  const cluster = await redisClusterAdapter(config.redisUrl, scope);
  log.info(`instances share broadcasts through Redis at ${redactUrl(config.redisUrl)} (Socket.IO redis-streams adapter, scope ${scope})`);
  return cluster;
}
