// Presence per run room: recomputed from the room's sockets (across instances, through the adapter)
// and sent to the room. Arrivals and departures within a short window share one update, so a
// room of hundreds reconnecting after a blip does not send hundreds of lists to hundreds of people.
import "server-only";
import { presentUsers, type TPresentSocket } from "../../domain/presence";
import { log } from "../../log";
import { roomForRun } from "../events";
import type { TIo } from "./io";

const COALESCE_MS = 150;
const pending = new Map<string, NodeJS.Timeout>();

export function schedulePresenceUpdate(io: TIo, runId: string): void {
  if (pending.has(runId)) return;
  const timer = setTimeout(() => {
    pending.delete(runId);
    void sendPresence(io, runId).catch((error: Error) => log.warn("presence update failed", { runId, message: error.message }));
  }, COALESCE_MS);
  timer.unref?.();
  pending.set(runId, timer);
}

async function sendPresence(io: TIo, runId: string): Promise<void> {
  const room = roomForRun(runId);
  const sockets = await io.in(room).fetchSockets();
  const entries: TPresentSocket[] = sockets.flatMap((s) => {
    const view = s.data.runViews?.[runId];
    return view && s.data.user ? [{ user: s.data.user, view }] : [];
  });
  io.to(room).emit("presence:update", { runId, present: presentUsers(entries) });
}
