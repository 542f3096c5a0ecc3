// Every gate request is a waiter on its run: a plain read is answered by the first evaluation after
// it arrived; a long-poll (`?wait=30s`) when the decision differs from `while` (or from the first
// decision read, without one). A run's waiters are evaluated when the run changes — every committed
// event signals it, here or through the socket adapter from another instance
// (lib/timeline/run-signals.ts) — and when time alone may change the decision (a checkpoint's end, a
// freeze's edge, a 15 s safety net). One evaluation serves every waiter of the run, and requests
// arriving during one share the next: the state is read once, then judged per stage and step, so
// 500 pipelines on one run cost a couple of reads, not 500 (nor 500 transactions at once). An event
// committed in this process is folded into the last state read (gate-fold.ts) and answers at once;
// the read it also prompts confirms it.
import "server-only";
import { log } from "../log";
import { onRunChanged } from "../timeline/run-signals";
import { foldGateEvent, GATE_EVENT_EFFECTS } from "./gate-fold";
import { evaluateGate, loadGateState, nextRecheckAt, type TGateAnswer, type TGateQuery, type TGateState } from "./gate";
import type { TGateDecision } from "./gate-rule";

/** "none": answer at the first evaluation; "first read": wait while the first evaluation's decision holds. */
export type TWaitWhile = TGateDecision | "none" | "first read";

type TWaiter = {
  query: TGateQuery;
  whileDecision: TWaitWhile;
  /** How many reads had started when the request arrived: only a later read may answer it. */
  arrivedAfterRead: number;
  settle: (answer: TGateAnswer | null) => void;
  fail: (error: unknown) => void;
};

type TRunWatch = {
  waiters: Set<TWaiter>;
  /** The latest state read, for answering a waiter whose time is up without another read. */
  state: TGateState | null;
  isEvaluating: boolean;
  /** Reads started so far. */
  reads: number;
  /** A change arrived during an evaluation: evaluate again when it ends. */
  isDirty: boolean;
  recheck: NodeJS.Timeout | null;
};

type TWatchStore = { runs: Map<string, TRunWatch>; stopListening: (() => void) | null };
const store = globalThis as typeof globalThis & { __warroomGateWatch?: TWatchStore };

function watches(): TWatchStore {
  store.__warroomGateWatch ??= { runs: new Map(), stopListening: null };
  const watch = store.__warroomGateWatch;
  watch.stopListening ??= onRunChanged((runId, event) => {
    const run = watch.runs.get(runId);
    if (!run) return;
    // An event committed here moves the known state on at once (gate-fold.ts); the read that follows
    // confirms it and serves what a fold cannot.
    const folded = event && run.state ? foldGateEvent(run.state, event) : null;
    if (folded) {
      run.state = folded;
      answerWaiters(run, folded, [...run.waiters].filter((w) => w.arrivedAfterRead < run.reads), Date.now());
      if (GATE_EVENT_EFFECTS[event!.type] === "none") return;
    }
    void evaluate(runId);
  });
  return watch;
}

function forget(runId: string, watch: TRunWatch, waiter: TWaiter): void {
  watch.waiters.delete(waiter);
  if (watch.waiters.size > 0) return;
  if (watch.recheck) clearTimeout(watch.recheck);
  // Only this watch: a newer one may have taken the run's place.
  if (watches().runs.get(runId) === watch) watches().runs.delete(runId);
}

/**
 * Answers the waiters `state` decides for: judged once per stage and step asked about, whatever the
 * number of waiters asking it, and each answer shared by all of them. A null state: the run is gone.
 */
function answerWaiters(watch: TRunWatch, state: TGateState | null, served: readonly TWaiter[], now: number): void {
  const judged = new Map<string, TGateAnswer>();
  for (const waiter of served) {
    if (!watch.waiters.has(waiter)) continue;
    if (!state) {
      waiter.settle(null);
      continue;
    }
    const key = `${waiter.query.stage ?? ""}|${waiter.query.step ?? ""}`;
    const answer = judged.get(key) ?? evaluateGate(state, waiter.query, now);
    judged.set(key, answer);
    if (waiter.whileDecision === "first read") waiter.whileDecision = answer.decision;
    else if (waiter.whileDecision === "none" || answer.decision !== waiter.whileDecision) waiter.settle(answer);
  }
}

async function evaluate(runId: string): Promise<void> {
  const watch = watches().runs.get(runId);
  if (!watch) return;
  if (watch.isEvaluating) {
    watch.isDirty = true;
    return;
  }
  watch.isEvaluating = true;
  try {
    do {
      watch.isDirty = false;
      const read = ++watch.reads;
      // Requests that arrive while this read is under way are left to the next one (isDirty).
      const served = [...watch.waiters].filter((w) => w.arrivedAfterRead < read);
      let failure: unknown;
      const state = await loadGateState(runId).catch((error: Error) => {
        failure = error;
        log.warn("gate: reading the run failed", { runId, message: error.message });
        return undefined;
      });
      if (state === undefined) {
        // Plain reads cannot wait for the next change: they fail now, as the read did (a busy
        // database is a 503); long-polls keep waiting for the next change or their time.
        for (const waiter of served) if (waiter.whileDecision === "none") waiter.fail(failure);
        break;
      }
      // A read that began before an event folded in since is older than what is known: read again
      // (a read begun now sees that event) and serve from that one.
      if (state && watch.state && state.lastSeq < watch.state.lastSeq) {
        watch.isDirty = true;
        continue;
      }
      watch.state = state;
      const now = Date.now();
      answerWaiters(watch, state, served, now);
      if (watch.recheck) clearTimeout(watch.recheck);
      watch.recheck = state && watch.waiters.size ? setTimeout(() => void evaluate(runId), Math.max(0, nextRecheckAt(state, now) - now)) : null;
    } while (watch.isDirty && watch.waiters.size > 0);
  } finally {
    watch.isEvaluating = false;
  }
}

/**
 * Resolves with the gate once its decision differs from `whileDecision`, or when `timeoutMs` is up
 * (the gate as it stands then), or null when the run is gone. A client that hangs up is forgotten.
 */
export function waitForGateChange(options: { runId: string; query: TGateQuery; whileDecision: TWaitWhile; timeoutMs: number; signal?: AbortSignal }): Promise<TGateAnswer | null> {
  const { runId } = options;
  const runs = watches().runs;
  let watch = runs.get(runId);
  if (!watch) {
    watch = { waiters: new Set(), state: null, isEvaluating: false, reads: 0, isDirty: false, recheck: null };
    runs.set(runId, watch);
  }
  const current = watch;
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let isDone = false;
    const leave = () => {
      isDone = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      forget(runId, current, waiter);
    };
    const waiter: TWaiter = {
      query: options.query,
      whileDecision: options.whileDecision,
      arrivedAfterRead: current.reads,
      settle: (answer) => {
        if (isDone) return;
        leave();
        resolve(answer);
      },
      fail: (error) => {
        if (isDone) return;
        leave();
        reject(error);
      },
    };
    const onAbort = () => waiter.settle(null);
    // A plain read has no deadline of its own: the evaluation it triggers answers it.
    if (options.whileDecision !== "none") {
      timer = setTimeout(() => {
        // Time is up: the gate as the latest read shows it now (every change since was signalled).
        const state = current.state;
        if (state) waiter.settle(evaluateGate(state, options.query, Date.now()));
        else void loadGateState(runId).then((fresh) => waiter.settle(fresh ? evaluateGate(fresh, options.query, Date.now()) : null), () => waiter.settle(null));
      }, options.timeoutMs);
    }
    options.signal?.addEventListener("abort", onAbort, { once: true });
    current.waiters.add(waiter);
    // The next evaluation (this one, or the one after the one under way) reads the state afresh.
    void evaluate(runId);
  });
}

/** How many requests wait on the gate in this process (for tests and the bench). */
export function gateWaiterCount(): number {
  let count = 0;
  for (const watch of watches().runs.values()) count += watch.waiters.size;
  return count;
}
