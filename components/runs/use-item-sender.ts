"use client";
// Ticks as the lead sees them: each click shows at once and stays shown until the run's own feed has
// folded the committed event in (its ack comes before the echo, so dropping it at the ack flashed
// the old state for ~100 ms). Clicks on one item are sent one after another, each on the version the
// previous one produced, so a second click acts on the state on screen, never on the server's older
// one. While the connection is down a change waits, and says so; then it is sent, or refused with why.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { TItemAction, TItemState } from "@/lib/domain/checklist";
import type { TRunSnapshot, TSnapshotItem } from "@/lib/domain/run-snapshot";
import type { TAck } from "@/lib/realtime/events";
import { SENT_SHOWN_MS, type TSendState } from "@/components/realtime/send-state-note";


type TEntry = { key: number; state: TItemState; note: string | null; phase: "unacked" | "acked" | "refused"; seq?: number; reason?: string };

type TSend = (input: { itemId: string; version: number; action: TItemAction }) => Promise<TAck<{ seq: number }>>;

const SHOWN_STATE: Record<TItemAction["kind"], TItemState> = { done: "done", skip: "skipped", fail: "failed", reopen: "open" };

let nextKey = 0;

export function useItemSender(snapshot: TRunSnapshot, send: TSend, isConnected: boolean, onRefused: (item: TSnapshotItem, message: string) => void) {
  const [entries, setEntries] = useState(new Map<string, TEntry[]>());
  const [sentItemIds, setSentItemIds] = useState(new Set<string>());
  // Per item, the version its last queued change will leave (null: refused, start again from the snapshot's).
  const chains = useRef(new Map<string, Promise<number | null>>());
  const waitedItemIds = useRef(new Set<string>());

  const update = useCallback((itemId: string, change: (list: TEntry[]) => TEntry[]) => {
    setEntries((current) => {
      const next = new Map(current);
      const list = change(current.get(itemId) ?? []);
      if (list.length === 0) next.delete(itemId);
      else next.set(itemId, list);
      return next;
    });
  }, []);

  // An acked change is dropped once the feed has folded its event: the snapshot now shows it itself.
  useEffect(() => {
    for (const [itemId, list] of entries) {
      const kept = list.filter((e) => !(e.phase === "acked" && e.seq! <= snapshot.lastSeq));
      if (kept.length === list.length) continue;
      update(itemId, () => kept);
      if (!kept.some((e) => e.phase !== "refused")) chains.current.delete(itemId);
    }
  }, [snapshot.lastSeq, entries, update]);

  // Everything not yet acked when the connection goes has had to wait: say "Sent" when it goes through.
  useEffect(() => {
    if (isConnected) return;
    for (const [itemId, list] of entries) if (list.some((e) => e.phase === "unacked")) waitedItemIds.current.add(itemId);
  }, [isConnected, entries]);

  const act = useCallback((item: TSnapshotItem, action: TItemAction) => {
    const key = nextKey++;
    const note = action.kind === "skip" ? action.reason : action.kind === "fail" ? action.note : null;
    // A refusal shown on the item is replaced by the new attempt.
    update(item.id, (list) => [...list.filter((e) => e.phase !== "refused"), { key, state: SHOWN_STATE[action.kind], note, phase: "unacked" }]);
    const after = (chains.current.get(item.id) ?? Promise.resolve(item.version)).then(async (version) => {
      // The change before this one was refused: this one was meant for a state that never happened.
      if (version === null) {
        update(item.id, (list) => list.filter((e) => e.key !== key));
        return null;
      }
      const reply = await send({ itemId: item.id, version, action });
      if ("error" in reply) {
        update(item.id, (list) => list.map((e) => (e.key === key ? { ...e, phase: "refused" as const, reason: reply.error.message } : e)));
        onRefused(item, reply.error.message);
        return null;
      }
      update(item.id, (list) => list.map((e) => (e.key === key ? { ...e, phase: "acked" as const, seq: reply.data.seq } : e)));
      if (waitedItemIds.current.delete(item.id)) {
        setSentItemIds((s) => new Set(s).add(item.id));
        setTimeout(() => setSentItemIds((s) => new Set([...s].filter((id) => id !== item.id))), SENT_SHOWN_MS);
      }
      return version + 1;
    });
    chains.current.set(item.id, after);
    // A refused chain ends: the next click starts from the snapshot's version.
    void after.then((version) => {
      if (version === null && chains.current.get(item.id) === after) chains.current.delete(item.id);
    });
  }, [send, update, onRefused]);

  const view = useMemo<TRunSnapshot>(() => {
    if (entries.size === 0) return snapshot;
    const overlay = (item: TSnapshotItem): TSnapshotItem => {
      const shown = entries.get(item.id)?.findLast((e) => e.phase !== "refused");
      return shown ? { ...item, state: shown.state, note: shown.note } : item;
    };
    return { ...snapshot, phases: snapshot.phases.map((p) => ({ ...p, sections: p.sections.map((s) => ({ ...s, items: s.items.map(overlay) })) })) };
  }, [snapshot, entries]);

  const sendStates = useMemo(() => {
    const states = new Map<string, TSendState>();
    for (const [itemId, list] of entries) {
      const last = list.at(-1)!;
      if (last.phase === "refused") states.set(itemId, { kind: "refused", reason: last.reason! });
      else if (list.some((e) => e.phase === "unacked")) states.set(itemId, { kind: isConnected ? "sending" : "waiting" });
    }
    for (const itemId of sentItemIds) if (!states.has(itemId)) states.set(itemId, { kind: "sent" });
    return states;
  }, [entries, sentItemIds, isConnected]);

  return { view, act, sendStates };
}
