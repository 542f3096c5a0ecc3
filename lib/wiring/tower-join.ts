// Socket handlers for the control tower's room: join (the ack carries the whole board; the client
// asks again on each tower:changed) and leave. Any signed-in member may watch; status links live in
// their own namespace and never reach this.
import "server-only";
import { z } from "zod";
import { can } from "../domain/roles";
import { AppError, parseInput, toErrorResponse } from "../errors";
import { TOWER_ROOM } from "../realtime/events";
import type { TServerSocket } from "../realtime/server/server";
import { loadTowerBoard } from "../tower/board";
import { passGate } from "./command-gate";
import { dropIfStale, socketActor } from "./socket-actor";

const ZJoinTower = z.object({}).strict().default({});

export function registerTowerJoin(socket: TServerSocket): void {
  socket.on("tower:join", async (input, ack) => {
    const reply = typeof ack === "function" ? ack : () => undefined;
    // A board read costs a few queries per run: the command allowance bounds how often.
    const pass = passGate(socket);
    if (!pass.isAdmitted) return reply(pass.refusal);
    try {
      const actor = await socketActor(socket);
      parseInput(ZJoinTower, input);
      if (!can(actor.role, "runs.read")) throw new AppError("forbidden", "Your role cannot view runs.");
      // Join before reading, so a change committed in between is heard and read again.
      await socket.join(TOWER_ROOM);
      reply({ data: await loadTowerBoard(new Date()) });
    } catch (error) {
      reply({ error: toErrorResponse(error).body.error });
      dropIfStale(socket, error);
    } finally {
      pass.release();
    }
  });

  socket.on("tower:leave", () => void socket.leave(TOWER_ROOM));
}
