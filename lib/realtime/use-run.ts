"use client";
// Live state of one run: starts from the server's snapshot, folds events in seq order, replays what
// it missed after a gap or a reconnect, and sends commands with an idempotency key.
import { useCallback, useEffect, useRef, useState } from "react";
import { applyRunEvent, type TRunSnapshot } from "../domain/run-snapshot";
import { getSocket } from "./client";
import type { TAck, TClientToServerEvents, TPresentUser, TRunEventDto, TRunView } from "./events";

export type TRunCommandName = "item:change" | "run:status" | "rollout:advance" | "check:complete";

const COMMAND_TIMEOUT_MS = 8000;
const COMMAND_ATTEMPTS = 3;

export function useRunLive(initial: TRunSnapshot, view: TRunView = "war_room") {
  const [snapshot, setSnapshot] = useState(initial);
  const [present, setPresent] = useState<TPresentUser[]>([]);
  const snapshotRef = useRef(initial);
  const buffer = useRef(new Map<number, TRunEventDto>());
  const runId = initial.id;

  const applyInOrder = useCallback((incoming: TRunEventDto[]) => {
    for (const event of incoming) if (event.seq > snapshotRef.current.lastSeq) buffer.current.set(event.seq, event);
    let next = snapshotRef.current;
    for (let seq = next.lastSeq + 1; buffer.current.has(seq); seq++) {
      next = applyRunEvent(next, buffer.current.get(seq)!);
      buffer.current.delete(seq);
    }
    if (next !== snapshotRef.current) {
      snapshotRef.current = next;
      setSnapshot(next);
    }
    return buffer.current.size > 0; // a gap remains
  }, []);

  useEffect(() => {
    const socket = getSocket();
    let isJoining = false;
    const join = () => {
      if (isJoining) return;
      isJoining = true;
      socket.emit("run:join", { runId, afterSeq: snapshotRef.current.lastSeq, view }, (reply) => {
        isJoining = false;
        // Too far behind to replay event by event: take a fresh snapshot.
        if ("error" in reply) {
          if (reply.error.code === "conflict") window.location.reload();
          return;
        }
        applyInOrder(reply.data.events);
      });
    };
    const onEvent = (event: TRunEventDto) => {
      if (event.runId !== runId) return;
      const hasGap = applyInOrder([event]);
      if (hasGap) join();
    };
    const onPresence = (data: { runId: string; present: TPresentUser[] }) => {
      if (data.runId === runId) setPresent(data.present);
    };
    socket.on("connect", join);
    socket.on("run:event", onEvent);
    // Who is here is unknown while disconnected: show nobody rather than a stale list.
    const onDisconnect = () => setPresent([]);
    socket.on("presence:update", onPresence);
    socket.on("disconnect", onDisconnect);
    if (socket.connected) join();
    return () => {
      socket.off("connect", join);
      socket.off("run:event", onEvent);
      socket.off("presence:update", onPresence);
      socket.off("disconnect", onDisconnect);
      socket.emit("run:leave", { runId });
    };
  }, [runId, view, applyInOrder]);

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

export type { TClientToServerEvents };
