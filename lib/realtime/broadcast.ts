// Every emit to a run's room goes through here, after the change has committed.
import { type TRunEventDto, roomForRun } from "./events";
import { getIo } from "./io";

export function broadcastRunEvent(event: TRunEventDto): void {
  getIo()?.to(roomForRun(event.runId)).emit("run:event", event);
}
