// Share-link events in plain words, for the war room's timeline (status links never see these).
import type { TDescribers } from "./describe-types";

export const SHARE_DESCRIBERS = {
  "share.created": (actor, p) => `${actor} created the status link “${p.label}”`,
  "share.revoked": (actor, p) => `${actor} revoked the status link “${p.label}”`,
} satisfies Partial<TDescribers>;
