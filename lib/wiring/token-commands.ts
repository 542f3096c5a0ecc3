// The one socket command whose ack carries more than a seq: creating a metrics API token answers
// with its secret, to the lead who asked and nobody else (the timeline only names the token).
import type { Socket } from "socket.io";
import { toErrorResponse } from "../errors";
import { log } from "../log";
import { createApiToken } from "../metrics/tokens";
import type { TClientToServerEvents, TInterServerEvents, TServerToClientEvents, TSocketData } from "../realtime/events";

type TSocket = Socket<TClientToServerEvents, TServerToClientEvents, TInterServerEvents, TSocketData>;

export function registerTokenHandlers(socket: TSocket): void {
  socket.on("token:create", async (input, ack) => {
    const reply = typeof ack === "function" ? ack : () => undefined;
    try {
      const { event, token } = await createApiToken(socket.data.user, input);
      reply({ data: { seq: event.seq, token } });
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      if (status >= 500) log.error("token:create failed", { message: (error as Error)?.message });
      reply(body);
    }
  });
}
