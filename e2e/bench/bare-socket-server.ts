// The fan-out baseline: a bare Socket.IO server (the same socket.io as Warroom, the same server
// options, no database, no authentication) speaking just enough of Warroom's event contract for the
// same clients and driver to measure it the same way. Each `item:change` is stamped, broadcast to the
// room as a `run:event` with the payload of a real Warroom event (BENCH_EVENT), and acked.
// Run as its own process (e2e/bench/baseline-server.ts), as Warroom's server is.
import { createServer } from "node:http";
import { Server } from "socket.io";
import { roomForRun, type TClientToServerEvents, type TRawRunEvent as TRunEvent, type TServerToClientEvents } from "../../lib/realtime/events";

const port = Number(process.env.PORT);
const template = JSON.parse(process.env.BENCH_EVENT ?? "null") as TRunEvent | null;
if (!port || !template) {
  console.error("bare-socket-server: PORT and BENCH_EVENT (a run:event as JSON) are required");
  process.exit(2);
}

const httpServer = createServer();
// The options Warroom's createRealtimeServer sets; everything else at socket.io's defaults, as there.
const io = new Server<TClientToServerEvents, TServerToClientEvents>(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
let seq = 0;

io.on("connection", (socket) => {
  socket.emit("session:ready", { user: { id: "bench", name: "Bench", role: "viewer" } });
  socket.on("run:join", ({ runId }, ack) => {
    void socket.join(roomForRun(runId));
    ack({ data: { lastSeq: seq, events: [] } });
  });
  socket.on("item:change", (input, ack) => {
    const { runId } = input as { runId: string };
    seq += 1;
    // Stamped just before the broadcast: the baseline is the fan-out alone, with no command path.
    const event: TRunEvent = { ...template, runId, seq, createdAt: new Date().toISOString() };
    io.to(roomForRun(runId)).emit("run:event", event);
    ack({ data: { seq } });
  });
});

httpServer.listen(port, "127.0.0.1", () => console.log(`ready on ${port}`));
process.on("SIGTERM", () => void io.close(() => process.exit(0)));
