// Sends one raw socket command the way the war room's own `send` does (lib/realtime/client/use-run.ts):
// a `rate_limited` refusal means the command was not run, so it goes again after the advised wait.
// For the specs that arrange a run over the socket, ticking dozens of items one after another.
import type { Socket } from "socket.io-client";
import type { TAck } from "../../lib/realtime/events";

const RESENDS = 50;

export async function sendCommand<T = { seq: number }>(socket: Socket, name: string, input: object, timeoutMs = 10_000): Promise<TAck<T>> {
  for (let resend = 0; ; resend++) {
    const timed = socket.timeout(timeoutMs) as unknown as { emitWithAck: (name: string, input: object) => Promise<TAck<T>> };
    const reply = await timed.emitWithAck(name, input);
    if (!("error" in reply) || reply.error.code !== "rate_limited" || resend >= RESENDS) return reply;
    await new Promise((resolve) => setTimeout(resolve, reply.error.retryAfterMs ?? 500));
  }
}
