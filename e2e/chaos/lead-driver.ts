// The two leads' side of the chaos test: each sends item changes from its own screen's view (its
// RunFeed snapshot) with a few commands in flight, both on the same items, so most collide. Every
// command has its own commandId; a command whose ack never came (its socket dropped, its instance
// killed) is sent again with the same commandId once reconnected, as the war room's retry would:
// the server applies it at most once.
import { randomUUID } from "node:crypto";
import { allItems } from "../../lib/domain/run-snapshot";
import type { TAck } from "../../lib/realtime/events";
import type { TItemCommandInput } from "../../lib/runs/schemas";
import type { TChaosClient } from "./chaos-client";
import { chooseAction } from "./plan";
import type { TAckedCommand } from "./verdict";

const ACK_TIMEOUT_MS = 15_000;
const RESEND_ATTEMPTS = 3;

export type TLeadTally = {
  sent: number;
  acked: TAckedCommand[];
  /** Refusals by error code (conflicts are the point of the exercise). */
  refused: Map<string, number>;
  /** Sends whose ack never came (the first try of a command). */
  unacknowledged: number;
  resent: number;
  /** Commands still without an answer after every resend. */
  lost: TItemCommandInput[];
};

export function createTally(): TLeadTally {
  return { sent: 0, acked: [], refused: new Map(), unacknowledged: 0, resent: 0, lost: [] };
}

type TOutcome = "acked" | "refused" | "no_ack";

async function untilConnected(lead: TChaosClient): Promise<void> {
  if (lead.socket.connected) return;
  await new Promise<void>((resolve) => lead.socket.once("connect", () => resolve()));
}

async function send(lead: TChaosClient, input: TItemCommandInput, tally: TLeadTally): Promise<TOutcome> {
  await untilConnected(lead);
  let reply: TAck<{ seq: number }>;
  try {
    reply = await lead.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("item:change", input);
  } catch {
    return "no_ack";
  }
  if ("error" in reply) {
    tally.refused.set(reply.error.code, (tally.refused.get(reply.error.code) ?? 0) + 1);
    return "refused";
  }
  tally.acked.push({ commandId: input.commandId!, seq: reply.data.seq });
  return "acked";
}

/** Sends `count` changes from this lead with `inFlight` workers; `onSent` counts every first send. */
export async function driveLead(options: {
  lead: TChaosClient;
  leadIndex: number;
  runId: string;
  itemIds: string[];
  count: number;
  inFlight: number;
  random: () => number;
  tally: TLeadTally;
  onSent: () => void;
}): Promise<void> {
  const { lead, tally, random } = options;
  const unanswered: TItemCommandInput[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.count) {
      const n = next++;
      await untilConnected(lead);
      const itemId = options.itemIds[Math.floor(random() * options.itemIds.length)];
      const seen = allItems(lead.feed.snapshot).find((item) => item.id === itemId)!;
      const input: TItemCommandInput = {
        runId: options.runId,
        itemId,
        version: seen.version,
        action: chooseAction(seen.state, random),
        commandId: `chaos-${options.leadIndex}-${n}-${randomUUID()}`,
      };
      tally.sent += 1;
      options.onSent();
      if ((await send(lead, input, tally)) === "no_ack") {
        tally.unacknowledged += 1;
        unanswered.push(input);
      }
    }
  };
  await Promise.all(Array.from({ length: options.inFlight }, worker));
  for (const input of unanswered) {
    let outcome: TOutcome = "no_ack";
    for (let attempt = 0; attempt < RESEND_ATTEMPTS && outcome === "no_ack"; attempt++) {
      tally.resent += 1;
      outcome = await send(lead, input, tally);
    }
    if (outcome === "no_ack") tally.lost.push(input);
  }
}
