"use server";
// Server actions for share links. Each authorizes through runAction (share.manage) and again in the
// command itself; the link's address is returned once and never stored.
import { revalidatePath } from "next/cache";
import { runAction, type TActionResult } from "../../actions/safe-action";
import { runtime } from "../../runtime";
import type { TShareLinkView } from "../../domain/share-links";
import { createShareLink, revokeShareLink } from "./share-links";

export type TCreatedShareLink = { link: TShareLinkView; url: string };

export async function createShareLinkAction(input: unknown): Promise<TActionResult<TCreatedShareLink>> {
  const result = await runAction("share.manage", async (user) => {
    const { link, token } = await createShareLink(user, input);
    return { link, url: `${runtime().appUrl}/status/${token}` };
  });
  if (result.ok) revalidatePath(`/runs/${result.data.link.runId}/share`);
  return result;
}

export async function revokeShareLinkAction(input: unknown): Promise<TActionResult<TShareLinkView>> {
  const result = await runAction("share.manage", async (user) => (await revokeShareLink(user, input)).link);
  if (result.ok) revalidatePath(`/runs/${result.data.runId}/share`);
  return result;
}
