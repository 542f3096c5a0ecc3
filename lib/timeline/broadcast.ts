// Every emit of a committed change goes through here: features reach sockets only through the
// timeline, never through lib/realtime's server directly.
import "server-only";
import type { TRunEvent } from "../domain/events/catalogue";
import { toPublicEvent } from "../domain/public-projection";
import type { TRulesLivePayload } from "../domain/metric-events";
import { publicRulesLive } from "../domain/public-snapshot";
import { publicSamples } from "../domain/public-status";
import { publicChartsRoomForRun, publicRoomForRun, roomForRun, STATUS_NAMESPACE, TOWER_ROOM, type TMetricSamplesDto, type TTowerChange } from "../realtime/events";
import { getIo } from "../realtime/server/io";
import { observeBroadcast } from "../observability/metrics";
import { signalRunChanged } from "./run-signals";

export function broadcastRunEvent(event: TRunEvent): void {
  const io = getIo();
  io?.to(roomForRun(event.runId)).emit("run:event", event);
  // Status links get every event too, with the same seq, projected for stakeholders (or hidden).
  io?.of(STATUS_NAMESPACE).to(publicRoomForRun(event.runId)).emit("status:event", toPublicEvent(event));
  broadcastTowerChange({ runId: event.runId, type: event.type });
  observeBroadcast(event.createdAt);
  // Pipelines long-polling the run's gate, here and (through the adapter) on the other instances.
  signalRunChanged(event.runId, event);
  if (io) {
    // Only a cluster adapter carries server-side events (the in-memory one warns on each call).
    void io
      .of("/")
      .adapter.serverCount()
      .then((count) => count > 1 && io.serverSideEmit("run:changed", event.runId))
      .catch(() => undefined);
  }
}

/**
 * The control tower hears that something changed, not what: it reads its board again. Also sent for
 * what no run records: a run created, a lock or freeze with no run of its service under way.
 */
export function broadcastTowerChange(change: TTowerChange): void {
  getIo()?.to(TOWER_ROOM).emit("tower:changed", change);
}

/** Chart points for a run's screens; samples are stored before they are sent. */
export function broadcastMetricSamples(data: TMetricSamplesDto): void {
  const io = getIo();
  io?.to(roomForRun(data.runId)).emit("metrics:samples", data);
  // Status links made with "include charts" get the key metrics' points.
  const samples = publicSamples(data.samples);
  if (samples.length) io?.of(STATUS_NAMESPACE).to(publicChartsRoomForRun(data.runId)).emit("metrics:samples", { runId: data.runId, samples });
}

/**
 * Each evaluation's figures per rule (value, age, verdict), unrecorded: a value on screen is the
 * current aggregate's, while only state changes become timeline events. Status links get them too,
 * without anything internal (a data source's error text).
 */
export function broadcastRulesLive(data: TRulesLivePayload): void {
  const io = getIo();
  if (!io || data.rules.length === 0) return;
  io.to(roomForRun(data.runId)).emit("metrics:rules", data);
  io.of(STATUS_NAMESPACE).to(publicRoomForRun(data.runId)).emit("metrics:rules", publicRulesLive(data));
}
