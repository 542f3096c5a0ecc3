// The gate's long-polls (`?wait=30s`): each waiting request is a waiter on its run. A run's waiters
// are looked at again when the run changes — every committed event signals it, here or through the
// socket adapter from another instance (lib/timeline/run-signals.ts) — and when time alone may
// change the decision (a checkpoint's end, a freeze's edge, a 15 s safety net). One evaluation per
// change serves every waiter of the run: the state is read once, then judged per stage and step,
// so 500 pipelines waiting on one run cost one read, not 500.
import "server-only";
import { log } from "../log";
import { onRunChanged } from "../timeline/run-signals";
import { evaluateGate, loadGateState, nextRecheckAt, type TGateAnswer, type TGateQuery, type TGateState } from "./gate";
import type { TGateDecision } from "./gate-rule";

type TWaiter = { query: TGateQuery; whileDecision: TGateDecision; settle: (answer: TGateAnswer | null) => void };

type TRunWatch = {
  waiters: Set<TWaiter>;
  /** The latest state read, for answering a waiter whose time is up without another read. */
  state: TGateState | null;
  isEvaluating: boolean;
  /** A change arrived during an evaluation: evaluate again when it ends. */
  isDirty: boolean;
  recheck: NodeJS.Timeout | null;
};

type TWatchStore = { runs: Map<string, TRunWatch>; stopListening: (() => void) | null };
const store = globalThis as typeof globalThis & { __warroomGateWatch?: TWatchStore };

function watches(): TWatchStore {
  store.__warroomGateWatch ??= { runs: new Map(), stopListening: null };
  const watch = store.__warroomGateWatch;
  watch.stopListening ??= onRunChanged((runId) => {
    if (watch.runs.has(runId)) void evaluate(runId);
  });
  return watch;
}

function forget(runId: string, watch: TRunWatch, waiter: TWaiter): void {
  watch.waiters.delete(waiter);
  if (watch.waiters.size > 0) return;
  if (watch.recheck) clearTimeout(watch.recheck);
  watches().runs.delete(runId);
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
      const state = await loadGateState(runId).catch((error: Error) => {
        log.warn("gate: reading the run failed; waiters keep waiting", { runId, message: error.message });
        return undefined;
      });
      if (state === undefined) break;
      watch.state = state;
      const now = Date.now();
      for (const waiter of [...watch.waiters]) {
        if (!state) {
          waiter.settle(null);
          continue;
        }
        const answer = evaluateGate(state, waiter.query, now);
        if (answer.decision !== waiter.whileDecision) waiter.settle(answer);
      }
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
export function waitForGateChange(options: { runId: string; query: TGateQuery; whileDecision: TGateDecision; timeoutMs: number; signal?: AbortSignal }): Promise<TGateAnswer | null> {
  const { runId } = options;
  const runs = watches().runs;
  let watch = runs.get(runId);
  if (!watch) {
    watch = { waiters: new Set(), state: null, isEvaluating: false, isDirty: false, recheck: null };
    runs.set(runId, watch);
  }
  const current = watch;
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const waiter: TWaiter = {
      query: options.query,
      whileDecision: options.whileDecision,
      settle: (answer) => {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        forget(runId, current, waiter);
        resolve(answer);
      },
    };
    const onAbort = () => waiter.settle(null);
    timer = setTimeout(() => {
      // Time is up: the gate as the latest read shows it now (every change since was signalled).
      const state = current.state;
      if (state) waiter.settle(evaluateGate(state, options.query, Date.now()));
      else void loadGateState(runId).then((fresh) => waiter.settle(fresh ? evaluateGate(fresh, options.query, Date.now()) : null), () => waiter.settle(null));
    }, options.timeoutMs);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    current.waiters.add(waiter);
    // The request read the gate before it became a waiter: whatever changed in between is seen now.
    void evaluate(runId);
  });
}

/** How many requests wait on the gate in this process (for tests and the bench). */
export function gateWaiterCount(): number {
  let count = 0;
  for (const watch of watches().runs.values()) count += watch.waiters.size;
  return count;
}
