// Payloads of status-link events (made, revoked). zod/mini: parsed in the browser too.
import { z } from "zod/mini";

export const ZShareCreatedPayload = z.object({ linkId: z.string(), label: z.string(), expiresAt: z.string(), includeCharts: z.boolean() });
export const ZShareRevokedPayload = z.object({ linkId: z.string(), label: z.string() });

export type TShareCreatedPayload = z.infer<typeof ZShareCreatedPayload>;
export type TShareRevokedPayload = z.infer<typeof ZShareRevokedPayload>;
