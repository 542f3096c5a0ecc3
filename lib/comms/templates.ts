// A lead rewords one of the run's communication templates (the runbook's text stays in the playbook,
// so "reset" is saving it back). Compare-and-set on the template's version.
import type { TActor } from "../auth/users";
import { COMMS_EVENTS, type TTemplateSavedPayload } from "../domain/comms-events";
import { AppError, parseInput } from "../errors";
import { runCommand, type TCommandResult } from "../timeline/command";
import { playbookTemplates } from "./queries";
import { ZSaveTemplate } from "./schemas";
import { toTemplateViews } from "./views";

export async function saveCommsTemplate(actor: TActor, input: unknown): Promise<TCommandResult> {
  const { runId, key, body, version, commandId } = parseInput(ZSaveTemplate, input);
  return runCommand({ runId, actor, permission: "comms.post", commandId }, async (tx, run, now) => {
    const templates = playbookTemplates(run.playbook);
    if (!templates.some((t) => t.key === key)) throw new AppError("not_found", "This run has no such communication template.");
    const current = await tx.runCommsTemplate.findUnique({ where: { runId_key: { runId, key } } });
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== version) {
      throw new AppError("conflict", `${current?.updatedByName ?? "Someone"} changed this template a moment ago: here is their wording.`);
    }
    const saved = await tx.runCommsTemplate.upsert({
      where: { runId_key: { runId, key } },
      create: { runId, key, body, version: 1, updatedByName: actor.name, updatedAt: now },
      update: { body, version: { increment: 1 }, updatedByName: actor.name, updatedAt: now },
    });
    const [template] = toTemplateViews(templates.filter((t) => t.key === key), [saved]);
    const payload: TTemplateSavedPayload = { template };
    return { type: COMMS_EVENTS.templateSaved, payload };
  });
}
