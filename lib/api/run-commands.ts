// The pipeline API's changes to a run. Each resolves what a pipeline knows (an item's key or text,
// "the next step", "move to X") into the war room's own command and runs it through runCommand, so
// the timeline, compare-and-set, broadcast and idempotency are exactly the people's.
import "server-only";
import type { z } from "zod";
import { postAnnouncement } from "../comms/announcements";
import { loadCommsContext } from "../comms/context";
import { fillTemplate, liveFieldValues } from "../domain/comms-fields";
import type { TItemAction } from "../domain/checklist";
import { db } from "../db/client";
import { AppError } from "../errors";
import { changeItem } from "../runs/item-commands";
import { getRunSnapshot } from "../runs/queries";
import { advanceRollout } from "../runs/rollout-commands";
import { markRunFaulty } from "../runs/faulty-commands";
import { changeStatus } from "../runs/status-commands";
import type { TCommandResult } from "../timeline/command";
import { toRunEvent } from "../timeline/events";
import type { TApiCaller } from "./caller";
import type { TIdempotency } from "./idempotency";
import { loadApiItems, loadApiRun, toApiRun, type TApiItemRow } from "./runs";
import type { ZApiAnnouncement, ZApiItemAction, ZApiMarkFaulty, ZApiRollout, ZApiStatus } from "./schemas";

/** The item an id, stable key or exact text names; text that names several is a 409 listing their keys. */
export function resolveItem(items: readonly TApiItemRow[], reference: string): TApiItemRow {
  const exact = items.find((i) => i.id === reference || i.key === reference);
  if (exact) return exact;
  const byText = items.filter((i) => i.text === reference);
  if (byText.length === 1) return byText[0];
  if (byText.length === 0) throw new AppError("not_found", `item: no item has the id, key or exact text “${reference}”.`, { field: "item" });
  const candidates = byText.map((i) => `${i.key} (${i.section})`);
  throw new AppError("conflict", `item: ${byText.length} items read “${reference}”; name one by its key: ${candidates.join(", ")}.`, {
    field: "item",
    candidates: byText.map((i) => i.key),
  });
}

function toAction(input: z.infer<typeof ZApiItemAction>): TItemAction {
  switch (input.action) {
    case "tick":
      return { kind: "done" };
    case "undo":
      return { kind: "reopen" };
    case "skip":
      return { kind: "skip", reason: input.reason };
    case "fail":
      return { kind: "fail", note: input.reason };
  }
}

async function answer(caller: TApiCaller, runId: string, result: TCommandResult, idempotency: TIdempotency) {
  await idempotency.remember(runId);
  const run = await loadApiRun(caller, runId);
  const { event, isReplay } = result;
  return { run: toApiRun(run), event: { seq: event.seq, type: event.type, actorName: event.actorName, createdAt: event.createdAt }, isReplay };
}

export async function applyItemAction(caller: TApiCaller, runId: string, input: z.infer<typeof ZApiItemAction>, idempotency: TIdempotency) {
  await loadApiRun(caller, runId);
  const item = resolveItem(await loadApiItems(runId), input.item);
  // The pipeline acts on the item as it is now; a change racing in between is still refused by the CAS.
  const result = await changeItem(caller.actor, { runId, itemId: item.id, action: toAction(input), version: item.version, commandId: idempotency.commandId });
  return answer(caller, runId, result, idempotency);
}

export async function stepRollout(caller: TApiCaller, runId: string, input: z.infer<typeof ZApiRollout>, idempotency: TIdempotency) {
  const run = await loadApiRun(caller, runId);
  // A pipeline re-run asking for the step the rollout is already at: answered with the step's event.
  if (input.to !== undefined && input.to === run.rolloutPercent && input.fromPercent === undefined) {
    const reached = await db().timelineEvent.findFirst({ where: { runId, type: "rollout.advanced", payload: { path: ["percent"], equals: input.to } }, orderBy: { seq: "desc" } });
    if (reached) return answer(caller, runId, { event: toRunEvent(reached), isReplay: true }, idempotency);
  }
  const result = await advanceRollout(caller.actor, { runId, fromPercent: input.fromPercent ?? run.rolloutPercent, toPercent: input.to, commandId: idempotency.commandId });
  return answer(caller, runId, result, idempotency);
}

export async function moveStatus(caller: TApiCaller, runId: string, input: z.infer<typeof ZApiStatus>, idempotency: TIdempotency) {
  const run = await loadApiRun(caller, runId);
  const result = await changeStatus(caller.actor, { runId, to: input.to, reason: input.reason, plannedStart: input.plannedStart, version: run.version, commandId: idempotency.commandId });
  return answer(caller, runId, result, idempotency);
}

export async function markFaulty(caller: TApiCaller, runId: string, input: z.infer<typeof ZApiMarkFaulty>, idempotency: TIdempotency) {
  await loadApiRun(caller, runId);
  const result = await markRunFaulty(caller.actor, { runId, reason: input.reason, commandId: idempotency.commandId });
  return answer(caller, runId, result, idempotency);
}

/** The run's template filled: its own wording, live values, then the pipeline's fields. */
async function fillAnnouncement(caller: TApiCaller, runId: string, input: z.infer<typeof ZApiAnnouncement>) {
  await loadApiRun(caller, runId);
  // Only the live values are read here, never delivery errors: the least privileged view will do.
  const [snapshot, context] = await Promise.all([getRunSnapshot(runId), loadCommsContext(runId, "viewer")]);
  if (!snapshot || !context) throw new AppError("not_found", "No such run.", { field: "id" });
  const template = snapshot.comms.templates.find((t) => t.key === input.template);
  if (!template) throw new AppError("not_found", `template: this run has no “${input.template}” template.`, { field: "template" });
  const values = { ...liveFieldValues(snapshot, context, new Date()), ...input.fields };
  return { template: input.template, body: fillTemplate(template.body, values), fields: values };
}

/** What posting the template would say, posting nothing (`warroom announce` without --post). */
export async function previewAnnouncement(caller: TApiCaller, runId: string, input: z.infer<typeof ZApiAnnouncement>) {
  const { template, body } = await fillAnnouncement(caller, runId, input);
  return { preview: { template, body } };
}

export async function announce(caller: TApiCaller, runId: string, input: z.infer<typeof ZApiAnnouncement>, idempotency: TIdempotency) {
  const filled = await fillAnnouncement(caller, runId, input);
  const result = await postAnnouncement(caller.actor, { runId, templateKey: filled.template, body: filled.body, fields: filled.fields, commandId: idempotency.commandId });
  return answer(caller, runId, result, idempotency);
}
