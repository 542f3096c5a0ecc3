// The member's side of `npm run bench:abuse`, in a process of its own so the flood cannot slow the
// bench's measurement of the lead through a shared event loop. Connected as the member, on each
// "flood" message it sends `count` item changes spread over `seconds` without waiting for answers —
// a third naming no item of the run, a third with a stale version, a third plausible changes of its
// own items — then reports how they were answered. Started by bench-abuse.ts with `node --import tsx`.
import { io } from "socket.io-client";

export type TFlooderStart = { kind: "start"; url: string; cookie: string; runId: string; itemIds: string[] };
export type TFlood = { kind: "flood"; count: number; seconds: number };
export type TFlooderReport = { kind: "ready" } | { kind: "flooded"; sent: number; answers: Record<string, number>; unanswered: number };

const TICK_MS = 50;
/** After the last send, how long answers may still come before the rest count as unanswered. */
const ANSWER_GRACE_MS = 10_000;

let socket: ReturnType<typeof io> | undefined;
let target: TFlooderStart | undefined;

const send = (report: TFlooderReport) => process.send?.(report);

async function flood({ count, seconds }: TFlood): Promise<void> {
  if (!socket || !target) throw new Error("flood before start");
  const answers: Record<string, number> = {};
  let answered = 0;
  const ticks = Math.max(1, Math.round((seconds * 1000) / TICK_MS));
  const startedAt = Date.now();
  let sent = 0;
  for (let tick = 0; tick < ticks; tick++) {
    const due = Math.round(((tick + 1) * count) / ticks);
    for (; sent < due; sent++) {
      const n = sent;
      const itemId = n % 3 === 0 ? `no-such-item-${n}` : target.itemIds[n % target.itemIds.length]!;
      const version = n % 3 === 1 ? 1_000_000 : 0;
      socket.emit("item:change", { runId: target.runId, itemId, version, action: { kind: "done", reason: "flood" } }, (reply: { error?: { code: string } }) => {
        const code = reply.error?.code ?? "ok";
        answers[code] = (answers[code] ?? 0) + 1;
        answered++;
      });
    }
    const wait = startedAt + (tick + 1) * TICK_MS - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const deadline = Date.now() + ANSWER_GRACE_MS;
  while (answered < sent && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  send({ kind: "flooded", sent, answers, unanswered: sent - answered });
}

process.on("message", (message: TFlooderStart | TFlood | { kind: "stop" }) => {
  if (message.kind === "start") {
    target = message;
    socket = io(message.url, { transports: ["websocket"], extraHeaders: { cookie: message.cookie } });
    socket.once("session:ready", () => send({ kind: "ready" }));
    socket.once("connect_error", (error) => {
      console.error(`[flooder] cannot connect: ${error.message}`);
      process.exit(1);
    });
  } else if (message.kind === "flood") {
    void flood(message).catch((error: Error) => {
      console.error(`[flooder] ${error.message}`);
      process.exit(1);
    });
  } else {
    socket?.close();
    process.exit(0);
  }
});
