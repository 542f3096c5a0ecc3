"use server";
// The window check behind the new-run and reschedule forms: what the chosen window would clash with,
// shown as a warning while the lead picks it (the run is never refused for it).
import { runAction, type TActionResult } from "../actions/safe-action";
import type { TWindowConflict } from "../domain/window-conflicts";
import { conflictsForWindow } from "./windows";

export async function checkWindowAction(input: unknown): Promise<TActionResult<TWindowConflict[]>> {
  return runAction("runs.read", () => conflictsForWindow(input));
}
