"use client";
// Live state of one run for a React screen: a RunFeed (seq-ordered folding, replay after a gap or
// a reconnect) on the browser's socket, plus commands sent with an idempotency key.
import { useCallback, useEffect, useState } from "react";
import type { TRunSnapshot } from "../../domain/run-snapshot";
import { getSocket } from "./client";
import type { TAck, TPresentUser, TRunView } from "../events";
import { RunFeed } from "./run-feed";

export type TRunCommandName =
  | "item:change"
  | "run:status"
  | "rollout:advance"
  | "check:complete"
  | "poll:open"
  | "poll:reopen"
  | "poll:vote"
  | "poll:close"
  | "poll:override"
  | "run:reassign-role"
  | "metrics:rule-save"
  | "metrics:declare"
  | "token:revoke"
  | "rollback:trigger"
  | "rollback:acknowledge"
  | "rollback:decide"
  | "comms:post"
  | "comms:redeliver"
  | "comms:template-save"
  | "webhook:save"
  | "webhook:remove"
  | "decision:start"
  | "decision:step"
  | "decision:apply"
  | "decision:abandon";

const COMMAND_TIMEOUT_MS = 8000;
const COMMAND_ATTEMPTS = 3;

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

  /** Send a command; retried on timeout with the same idempotency key, so it applies once. */
  const send = useCallback(async (name: TRunCommandName, input: Record<string, unknown>): Promise<TAck<{ seq: number }>> => {
    const socket = getSocket();
    const commandId = crypto.randomUUID();
    for (let attempt = 1; attempt <= COMMAND_ATTEMPTS; attempt++) {
      try {
        const withTimeout = socket.timeout(COMMAND_TIMEOUT_MS) as unknown as {
          emitWithAck: (ev: TRunCommandName, payload: unknown) => Promise<TAck<{ seq: number }>>;
        };
        return await withTimeout.emitWithAck(name, { ...input, runId, commandId });
      } catch {
        if (attempt === COMMAND_ATTEMPTS) break;
      }
    }
    return { error: { code: "unavailable", message: "No answer from the server: check your connection and try again." } };
  }, [runId]);

  return { snapshot, present, send };
}
