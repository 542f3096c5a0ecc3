// Local commits of one run are broadcast in seq order. Commands on a run are serialised by its row
// lock, so they commit in seq order, but each broadcasts from its own continuation after COMMIT,
// and on a busy event loop a later command's continuation can run first: clients would see seq 7
// before 6, buffer it and re-join for the "gap". A seq is reserved here inside the transaction, and
// an event goes out only once every earlier seq reserved in this process has gone out (or its
// transaction failed). Seqs committed by other instances are never waited for: they arrive through
// the Socket.IO adapter. Kept on globalThis: server actions (Next's bundle) and socket commands
// (server.ts) commit to the same runs.

type TOutbox<T> = Map<number, T | null>;

/**
 * A reservation whose continuation never reported back (it cannot happen short of a bug between
 * COMMIT and the release) stops holding later events after this long; clients fill any gap by replay.
 * Longer than a transaction may stay open (Prisma's interactive transactions time out after 5 s): on
 * an overloaded database a slow COMMIT is still a live reservation, and 1 s let later events overtake it.
 */
export const MAX_HOLD_MS = 6_000;

const holder = globalThis as typeof globalThis & { __warroomBroadcastOrder?: Map<string, TOutbox<unknown>> };
const outboxes = () => (holder.__warroomBroadcastOrder ??= new Map());

/** Inside the transaction, once the event's seq is known. */
export function reserveBroadcast(runId: string, seq: number): void {
  const outbox = outboxes().get(runId) ?? new Map();
  outbox.set(seq, null);
  outboxes().set(runId, outbox);
}

/**
 * After COMMIT with the event, or after a failed transaction with null: sends, in seq order, every
 * event that no earlier reservation still holds back.
 */
export function releaseBroadcast<T>(runId: string, seq: number, event: T | null, send: (event: T) => void): void {
  const outbox = outboxes().get(runId) as TOutbox<T> | undefined;
  if (!outbox?.has(seq)) {
    if (event !== null) send(event);
    return;
  }
  if (event === null) outbox.delete(seq);
  else outbox.set(seq, event);
  for (const next of drainInOrder(outbox)) send(next);
  if (outbox.size === 0) outboxes().delete(runId);
  else if ([...outbox.values()].some((held) => held !== null)) holdAtMost(runId, outbox, send);
}

function holdAtMost<T>(runId: string, outbox: TOutbox<T>, send: (event: T) => void): void {
  const blocking = Math.min(...outbox.keys());
  setTimeout(() => {
    if (outbox.get(blocking) !== null) return;
    outbox.delete(blocking);
    for (const next of drainInOrder(outbox)) send(next);
    if (outbox.size === 0 && outboxes().get(runId) === outbox) outboxes().delete(runId);
  }, MAX_HOLD_MS).unref();
}

/** Removes and returns the committed events before the first seq still in flight, lowest seq first. */
export function drainInOrder<T>(outbox: TOutbox<T>): T[] {
  const ready: T[] = [];
  for (const seq of [...outbox.keys()].sort((a, b) => a - b)) {
    const event = outbox.get(seq);
    if (event === null || event === undefined) break;
    ready.push(event);
    outbox.delete(seq);
  }
  return ready;
}
