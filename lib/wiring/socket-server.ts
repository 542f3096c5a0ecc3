// The socket server as Warroom runs it: lib/realtime's server with every feature's socket handlers
// — joining a run's room (with replay), the run commands, token creation — and the status links'
// namespace. Used by server.ts and by the integration tests alike.
import "server-only";
import type { Server as HttpServer } from "node:http";
import { forgetAuthState } from "../auth/epoch";
import { createRealtimeServer, type TRealtimeDeps } from "../realtime/server/server";
import type { TIo } from "../realtime/server/io";
import { startHeartbeat } from "../realtime/server/heartbeat";
import { STATUS_NAMESPACE } from "../realtime/events";
import { registerStatusNamespace } from "./status-namespace";
import { registerRunJoin } from "./run-join";
import { registerCommandHandlers } from "./socket-commands";
import { registerTokenHandlers } from "./token-commands";
import { registerTowerJoin } from "./tower-join";
import { signalRunChanged } from "../timeline/run-signals";

export function createSocketServer(httpServer: HttpServer, deps: Omit<TRealtimeDeps, "onConnection" | "namespaces">): TIo {
  const io = createRealtimeServer(httpServer, {
    ...deps,
    onConnection: (io, socket) => {
      registerRunJoin(io, socket);
      registerCommandHandlers(socket);
      registerTokenHandlers(socket);
      registerTowerJoin(socket);
    },
    // Stakeholder status links: their own namespace, authenticated by the link, read-only.
    namespaces: registerStatusNamespace,
  });
  // Every live screen, the status pages too, must notice silence (lib/domain/liveness.ts).
  startHeartbeat(io, ["/", STATUS_NAMESPACE]);
  // Another instance changed a user's powers (lib/timeline/sockets.ts disconnectUser): its cached
  // epoch here is out of date.
  io.on("user:auth-changed", forgetAuthState);
  // Another instance recorded a run event: gate long-polls waiting here look again.
  io.on("run:changed", (runId) => signalRunChanged(runId));
  return io;
}
