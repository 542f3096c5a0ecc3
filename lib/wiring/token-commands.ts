// The one socket command whose ack carries more than a seq: creating a metrics API token answers
// with its secret, to the lead who asked and nobody else (the timeline only names the token).
import "server-only";
import type { z } from "zod";
import { parseInput, toErrorResponse } from "../errors";
import { log } from "../log";
import { createApiToken, ZCreateToken } from "../metrics/tokens";
import type { TServerSocket } from "../realtime/server/server";
import { passGate } from "./command-gate";
import { dropIfStale, socketActor } from "./socket-actor";

export type TCreateTokenInput = z.input<typeof ZCreateToken>;

export function registerTokenHandlers(socket: TServerSocket): void {
  socket.on("token:create", async (input: unknown, ack: unknown) => {
    const reply = typeof ack === "function" ? ack : () => undefined;
    const pass = passGate(socket);
    if (!pass.isAdmitted) return reply(pass.refusal);
    try {
      const actor = await socketActor(socket);
      const { event, token } = await createApiToken(actor, parseInput(ZCreateToken, input));
      reply({ data: { seq: event.seq, token } });
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      if (status >= 500) log.error("token:create failed", { message: (error as Error)?.message });
      reply(body);
      dropIfStale(socket, error);
    } finally {
      pass.release();
    }
  });
}
