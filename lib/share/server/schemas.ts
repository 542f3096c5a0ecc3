// zod schemas for share-link inputs, shared by the form, the server actions and the tests.
import "server-only";
import { z } from "zod";
import { ZCommandId } from "../../runs/schemas";

const ZId = z.string().trim().min(1).max(64);

export const ZCreateShareLink = z.strictObject({
  runId: ZId,
  label: z.string().trim().min(1, "Label the link (who it is for)").max(100, "Keep the label under 100 characters"),
  /** Unset or empty: 24 h after the planned window. */
  expiresAt: z.union([z.literal("").transform(() => undefined), z.coerce.date({ error: "Expiry must be a date and time" })]).optional(),
  includeCharts: z.boolean().default(false),
  commandId: ZCommandId,
});
export type TCreateShareLinkInput = z.input<typeof ZCreateShareLink>;

export const ZRevokeShareLink = z.strictObject({ runId: ZId, linkId: ZId, commandId: ZCommandId });
export type TRevokeShareLinkInput = z.input<typeof ZRevokeShareLink>;
