// Several Warroom instances on one database: Socket.IO's PostgreSQL adapter carries each broadcast
// (and fetchSockets for presence) to the other instances with LISTEN/NOTIFY on that same database,
// so no extra service is needed. With one instance it costs one idle listening connection.
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import { log, redactUrl } from "../log";

export type TClusterAdapter = { adapter: ReturnType<typeof createAdapter>; close: () => Promise<void> };

export function clusterAdapter(databaseUrl: string): TClusterAdapter {
  // Its own small pool: the LISTEN connection stays checked out, publishing needs one more.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  pool.on("error", (error) => log.warn("socket adapter database error", { message: error.message, database: redactUrl(databaseUrl) }));
  const adapter = createAdapter(pool, {
    tableName: "socket_io_attachments",
    heartbeatInterval: 5_000,
    heartbeatTimeout: 10_000,
    errorHandler: (error: Error) => log.warn("socket adapter error", { message: error.message }),
  });
  return { adapter, close: () => pool.end() };
}
