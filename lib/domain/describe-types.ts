// The shape of the describers' table: per event type, its payload in plain words (null: a generic line).
import type { TRunEventPayload, TRunEventType } from "./events/catalogue";

export type TDescribers = { [K in TRunEventType]: ((actor: string, payload: TRunEventPayload<K>) => string | null) | null };
