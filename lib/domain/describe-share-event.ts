// Share-link events in plain words, for the war room's timeline (status links never see these).
// zod/mini: these run in the browser (bridge, war room), where the full zod would add ~30 kB.
import { z } from "zod/mini";
import { SHARE_EVENTS } from "./share-links";

const ZLabelled = z.object({ label: z.string() });

export const SHARE_DESCRIBERS: Record<string, (actor: string, payload: unknown) => string | null> = {
  [SHARE_EVENTS.created]: (actor, payload) => {
    const p = ZLabelled.safeParse(payload);
    return p.success ? `${actor} created the status link “${p.data.label}”` : null;
  },
  [SHARE_EVENTS.revoked]: (actor, payload) => {
    const p = ZLabelled.safeParse(payload);
    return p.success ? `${actor} revoked the status link “${p.data.label}”` : null;
  },
};
