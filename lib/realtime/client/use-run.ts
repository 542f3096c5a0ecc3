"use client";
// Live state of one run for a React screen: a RunFeed (seq-ordered folding, replay after a gap or
// a reconnect) on the browser's socket, plus commands sent with an idempotency key.
import { useCallback, useEffect, useState } from "react";
import type { TRunSnapshot } from "../../domain/run-snapshot";
import { getSocket } from "./client";
import type { TAck, TPresentUser, TRunView } from "../events";
import { RunFeed } from "./run-feed";
// Types only (erased): the command table the server registers, with each command's input type.
import type { TRunCommandInput, TRunCommandName, TRunCommandWireInput } from "../../wiring/socket-commands";

export type { TRunCommandInput, TRunCommandName };

const COMMAND_TIMEOUT_MS = 8000;
const COMMAND_ATTEMPTS = 3;
/** A command refused as rate_limited was not run: it is sent again after the advised wait, this often at most. */
const RATE_LIMITED_RESENDS = 20;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function useRunLive(initial: TRunSnapshot, view: TRunView = "war_room") {
  const [snapshot, setSnapshot] = useState(initial);
  const [present, setPresent] = useState<TPresentUser[]>([]);
  const runId = initial.id;

  useEffect(() => {
    const feed = new RunFeed(getSocket(), initial, view, {
      onSnapshot: setSnapshot,
      onPresence: setPresent,
      onTooFarBehind: () => window.location.reload(),
    });
    return feed.start();
    // The feed is built once per run and view; later renders' `initial` is the same server snapshot.
  }, [runId, view]);

  /**
   * Send a command; retried on timeout with the same idempotency key, so it applies once, and sent
   * again after the advised wait when the server had too many from this screen at once.
   */
  const send = useCallback(async <K extends TRunCommandName>(name: K, input: TRunCommandInput<K>): Promise<TAck<{ seq: number }>> => {
    const socket = getSocket();
    const commandId = crypto.randomUUID();
    // The command's own fields plus the run and the idempotency key: its schema's input exactly.
    const wire = { ...input, runId, commandId } as TRunCommandWireInput<K>;
    let resends = 0;
    for (let attempt = 1; attempt <= COMMAND_ATTEMPTS; attempt++) {
      try {
        // socket.io's typings cannot pick one event's signature out of a generic name.
        const withTimeout = socket.timeout(COMMAND_TIMEOUT_MS) as unknown as {
          emitWithAck: (ev: K, payload: TRunCommandWireInput<K>) => Promise<TAck<{ seq: number }>>;
        };
        const reply = await withTimeout.emitWithAck(name, wire);
        if (!("error" in reply) || reply.error.code !== "rate_limited" || resends >= RATE_LIMITED_RESENDS) return reply;
        resends++;
        attempt--;
        await wait(Math.min(reply.error.retryAfterMs ?? 500, 5000));
      } catch {
        if (attempt === COMMAND_ATTEMPTS) break;
      }
    }
    return { error: { code: "unavailable", message: "No answer from the server: check your connection and try again." } };
  }, [runId]);

  return { snapshot, present, send };
}
