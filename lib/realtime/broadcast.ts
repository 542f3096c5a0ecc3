// Every emit to a run's room goes through here, after the change has committed.
import { type TMetricSamplesDto, type TRunEventDto, roomForRun } from "./events";
import { getIo } from "./io";

export function broadcastRunEvent(event: TRunEventDto): void {
  getIo()?.to(roomForRun(event.runId)).emit("run:event", event);
}

/** Chart points for a run's screens; samples are stored before they are sent. */
export function broadcastMetricSamples(data: TMetricSamplesDto): void {
  getIo()?.to(roomForRun(data.runId)).emit("metrics:samples", data);
}
