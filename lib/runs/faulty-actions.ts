"use server";
// The record page's "Mark faulty": the same command the API runs (lib/runs/faulty-commands.ts).
import { revalidatePath } from "next/cache";
import { runAction, type TActionResult } from "../actions/safe-action";
import { markRunFaulty } from "./faulty-commands";

export async function markRunFaultyAction(runId: string, reason: string): Promise<TActionResult<{ seq: number }>> {
  const result = await runAction("runs.control", async (user) => ({ seq: (await markRunFaulty(user, { runId, reason })).event.seq }));
  if (result.ok) {
    revalidatePath(`/runs/${runId}/record`);
    revalidatePath("/runs");
    revalidatePath("/insights");
  }
  return result;
}
