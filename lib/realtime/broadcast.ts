// Every emit to a run's room goes through here, after the change has committed.
import { type TMetricSamplesDto, type TRunEventDto, roomForRun } from "./events";
import { publicSamples, toPublicEvent } from "../domain/public-status";
import { publicChartsRoomForRun, publicRoomForRun, STATUS_NAMESPACE } from "./events";
import { getIo } from "./io";

export function broadcastRunEvent(event: TRunEventDto): void {
  const io = getIo();
  io?.to(roomForRun(event.runId)).emit("run:event", event);
  // Status links get every event too, with the same seq, projected for stakeholders (or hidden).
  io?.of(STATUS_NAMESPACE).to(publicRoomForRun(event.runId)).emit("status:event", toPublicEvent(event));
}

/** Chart points for a run's screens; samples are stored before they are sent. */
export function broadcastMetricSamples(data: TMetricSamplesDto): void {
  const io = getIo();
  io?.to(roomForRun(data.runId)).emit("metrics:samples", data);
  // Status links made with "include charts" get the key metrics' points.
  const samples = publicSamples(data.samples);
  if (samples.length) io?.of(STATUS_NAMESPACE).to(publicChartsRoomForRun(data.runId)).emit("metrics:samples", { runId: data.runId, samples });
}
