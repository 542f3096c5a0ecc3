// "Run X changed": every committed event of a run, whether it was recorded here or on another
// instance (carried by the socket adapter as a server-side event), reaches the listeners of this
// process — the gate's long-polls (lib/api/gate-watch.ts) — without anyone reading the database in a
// loop. On globalThis: server.ts and Next's bundles load this module separately but share the process.
import "server-only";
import { EventEmitter } from "node:events";
import type { TRunEvent } from "../domain/events/catalogue";

const store = globalThis as typeof globalThis & { __warroomRunSignals?: EventEmitter };

function bus(): EventEmitter {
  if (!store.__warroomRunSignals) {
    store.__warroomRunSignals = new EventEmitter();
    // One listener per feature, not per waiter; no warning to trip.
    store.__warroomRunSignals.setMaxListeners(0);
  }
  return store.__warroomRunSignals;
}

/** `event`: the change itself when it was committed here (another instance's arrive as the run's id alone). */
export function signalRunChanged(runId: string, event?: TRunEvent): void {
  bus().emit("changed", runId, event);
}

/** Listens to every run's changes; returns the function that stops listening. */
export function onRunChanged(listener: (runId: string, event: TRunEvent | undefined) => void): () => void {
  bus().on("changed", listener);
  return () => void bus().off("changed", listener);
}
