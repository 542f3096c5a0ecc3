// Socket handlers for a run's room: join (with replay of what the client missed) and leave.
import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { can } from "../domain/roles";
import { AppError, parseInput, toErrorResponse } from "../errors";
import { RUN_VIEWS } from "../domain/presence";
import { eventsAfter } from "../timeline/events";
import { schedulePresenceUpdate } from "../realtime/server/presence";
import { roomForRun, type TAckError } from "../realtime/events";
import type { TIo } from "../realtime/server/io";
import type { TServerSocket } from "../realtime/server/server";
import { admitReplay, passGate } from "./command-gate";
import { dropIfStale, socketActor } from "./socket-actor";

const ZJoinRun = z.object({
  runId: z.string().min(1).max(64),
  afterSeq: z.number().int().min(0).default(0),
  view: z.enum(RUN_VIEWS).default("war_room"),
});
const ZLeaveRun = z.object({ runId: z.string().min(1).max(64) });

function ackError(error: unknown): TAckError {
  return { error: toErrorResponse(error).body.error };
}

export function registerRunJoin(io: TIo, socket: TServerSocket): void {
  socket.data.runViews = {};
  socket.on("run:join", async (input, ack) => {
    const reply = typeof ack === "function" ? ack : () => undefined;
    // A join costs reads like a command: the same allowance, checked first.
    const pass = passGate(socket);
    if (!pass.isAdmitted) return reply(pass.refusal);
    try {
      const actor = await socketActor(socket);
      const { runId, afterSeq, view } = parseInput(ZJoinRun, input);
      if (!can(actor.role, "runs.read")) throw new AppError("forbidden", "Your role cannot view runs.");
      const run = await db().run.findUnique({ where: { id: runId }, select: { lastSeq: true } });
      if (!run) throw new AppError("not_found", "No such run.");
      // Replaying history is what makes a join expensive: bounded per socket.
      if (afterSeq < run.lastSeq) admitReplay(socket);
      // Join before reading so an event committed in between arrives live; clients drop duplicates by seq.
      await socket.join(roomForRun(runId));
      socket.data.runViews[runId] = view;
      schedulePresenceUpdate(io, runId);
      const { events, isTruncated } = await eventsAfter(runId, afterSeq);
      if (isTruncated) throw new AppError("conflict", "Too many missed events: reload the run.");
      reply({ data: { lastSeq: Math.max(run.lastSeq, events.at(-1)?.seq ?? 0), events } });
    } catch (error) {
      reply(ackError(error));
      dropIfStale(socket, error);
    } finally {
      pass.release();
    }
  });

  socket.on("run:leave", async (input) => {
    const parsed = ZLeaveRun.safeParse(input);
    if (!parsed.success) return;
    delete socket.data.runViews[parsed.data.runId];
    await socket.leave(roomForRun(parsed.data.runId));
    schedulePresenceUpdate(io, parsed.data.runId);
  });

  // The socket is still in its rooms here; the coalesced update runs after it has left them.
  socket.on("disconnecting", () => {
    for (const runId of Object.keys(socket.data.runViews)) schedulePresenceUpdate(io, runId);
  });
}
