// Tables keyed by event type: one entry per type of the catalogue, checked by the compiler, so a new
// event type is handled (or deliberately ignored) everywhere before it can be recorded. Imports the
// catalogue's types only, so the feature modules that hold tables never import its schemas in a cycle.
import type { TRunEvent, TRunEventOf, TRunEventType } from "./catalogue";

/** Per event type, a handler that receives that type's event; null is a deliberate "ignored". */
export type TEventTable<TResult, TArgs extends unknown[] = []> = {
  [K in TRunEventType]: ((event: TRunEventOf<K>, ...args: TArgs) => TResult) | null;
};

/** A fold over every event type: what one event does to a piece of state (null: nothing). */
export type TFoldTable<TState> = { [K in TRunEventType]: ((state: TState, event: TRunEventOf<K>) => TState) | null };

/** `{ "a": null, "b": null }` for types a table deliberately ignores: still one entry per type. */
export function ignored<const K extends TRunEventType>(...types: K[]): { [P in K]: null } {
  return Object.fromEntries(types.map((type) => [type, null])) as { [P in K]: null };
}

/** Looks up the handler for an event's own type. */
export function handlerFor<TResult, TArgs extends unknown[]>(
  table: TEventTable<TResult, TArgs>,
  event: TRunEvent,
): ((event: TRunEvent, ...args: TArgs) => TResult) | null {
  // TypeScript cannot correlate table[event.type] with event's own member of the union; the table's
  // type guarantees the handler under a key takes that key's event.
  return table[event.type] as ((event: TRunEvent, ...args: TArgs) => TResult) | null;
}

/** Applies a fold table to one event (types the table ignores leave the state as it is). */
export function foldWith<TState>(table: TFoldTable<TState>, state: TState, event: TRunEvent): TState {
  const fold = table[event.type] as ((state: TState, event: TRunEvent) => TState) | null;
  return fold ? fold(state, event) : state;
}
