// The importer's last step: a box to tick for each section that only runs a command, rollout steps
// from the checkpoints, what a template needs and the runbook lacked (each one said in the preview),
// counts, and the template schema's own check.
import { ZTemplateDefinition, type TTemplateDefinition } from "../template-definition";
import type { ImportState, TPhaseDraft } from "./import-state";
import { commandCheckText } from "./commands";
import { checkpointOf } from "./rules";
import { RunbookImportError, type TRunbookImport } from "./types";

/** "Canary metrics green (5 minutes)" items → rollout steps, each item linked to its step. */
function deriveRolloutSteps(s: ImportState) {
  if (s.playbook.rolloutSteps.length) return;
  for (const section of s.phases.flatMap((p) => p.sections)) {
    const canary = section.items.map((i) => /canary\s*\((\d+)%\)/i.exec(i.text)).find(Boolean);
    for (const item of section.items) {
      const checkpoint = checkpointOf(item.text);
      if (!checkpoint) continue;
      const named = /(\d+)%/.exec(checkpoint.prefix);
      const percent = named ? Number(named[1]) : /full|all/i.test(checkpoint.prefix) ? 100 : /canary/i.test(checkpoint.prefix) && canary ? Number(canary[1]) : null;
      if (percent === null) continue;
      const isFirst = s.playbook.rolloutSteps.length === 0;
      const label = percent === 100 ? "Full rollout" : isFirst && /canary/i.test(checkpoint.prefix) ? "Canary" : `Progressive ${percent}%`;
      s.playbook.rolloutSteps.push({ percent, label, greenMinutes: checkpoint.greenMinutes, checkpoint: item.text });
      item.metricLink ??= { kind: "checkpoint", percent };
    }
  }
}

/** A section that only runs a command gets one required box to tick, named after it ("Core smoke tests pass"). */
function addCommandChecks(s: ImportState) {
  for (const section of s.phases.flatMap((p) => p.sections)) {
    if (section.command && section.items.length === 0) section.items.push({ text: commandCheckText(section.title), depth: 0, required: true });
  }
}

function phaseBudget(p: TPhaseDraft, assumed: string[]): [number, number] {
  if (p.budget) return p.budget;
  const sum = p.sections.reduce((total, s) => total + (s.budgetMinutes ?? 0), 0);
  const minutes = sum || 30;
  assumed.push(`Phase “${p.title}” (line ${p.line}) has no time budget: ${minutes} minutes assumed.`);
  return [minutes, minutes];
}

export function finishImport(s: ImportState, options: { name?: string }): TRunbookImport {
  s.flushPendingNotes();
  if (s.phases.length === 0) {
    throw new RunbookImportError(
      "This is not a runbook: no phase headings were found (“## Pre-Deployment (1 hour)”, “### Phase 1: Staging Deployment (30-45 minutes)” …).",
    );
  }
  const assumed: string[] = [];
  const first = s.phases.find((p) => p.key === "pre_deployment") ?? s.phases[0];
  first.sections.push(...s.orphanSections);
  addCommandChecks(s);
  deriveRolloutSteps(s);
  const pb = s.playbook;
  // The seed asks some questions twice (in the production phase and in the final checklist).
  pb.goNoGoQuestions = [...new Set(pb.goNoGoQuestions)];
  if (!pb.goNoGoQuestions.length) {
    pb.goNoGoQuestions.push("Ready to deploy?");
    assumed.push("No go/no-go questions were found: “Ready to deploy?” is asked.");
  }
  if (!pb.rolloutSteps.length) {
    pb.rolloutSteps.push({ percent: 100, label: "Full rollout", greenMinutes: 5, checkpoint: "Full metrics green (5 minutes)" });
    assumed.push("No rollout checkpoints (“Canary metrics green (5 minutes)”) were found: one 100% step is assumed.");
  }
  if (!pb.recordTemplate) {
    pb.recordTemplate = "Deployment Date: [DATE]\nDeployed By: [NAME]\nStatus: [STATUS]";
    assumed.push("No “Record Deployment Details” block was found: a short record is used.");
  }
  const phases = s.phases.map((p) => {
    const [min, max] = phaseBudget(p, assumed);
    return {
      key: p.key,
      title: p.title,
      budgetMinMinutes: min,
      budgetMaxMinutes: max,
      successCriteria: p.successCriteria,
      sections: p.sections.map(({ notes, ...section }) => ({ ...section, ...(notes.length ? { notes } : {}) })),
    };
  });
  const empty = phases.find((p) => p.sections.length === 0);
  if (empty) throw new RunbookImportError(`Phase “${empty.title}” has no checklist: add “- [ ] …” items under it.`);
  const duration = s.duration ?? [phases.reduce((t, p) => t + p.budgetMinMinutes, 0), phases.reduce((t, p) => t + p.budgetMaxMinutes, 0)];
  const definition: TTemplateDefinition = {
    name: (options.name?.trim() || s.name || "Imported runbook").slice(0, 200),
    description: s.description.join("\n").slice(0, 2000),
    expectedDurationMinMinutes: duration[0],
    expectedDurationMaxMinutes: duration[1],
    phases,
    playbook: { ...pb, recordTemplate: pb.recordTemplate },
  };
  const parsed = ZTemplateDefinition.safeParse(definition);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RunbookImportError(`The runbook does not make a valid template: ${issue.path.join(".") || "template"}: ${issue.message}.`);
  }
  const items = phases.flatMap((p) => p.sections).reduce((t, x) => t + x.items.length, 0);
  return {
    definition,
    preview: {
      understood: {
        phases: phases.length,
        sections: phases.reduce((t, p) => t + p.sections.length, 0),
        items,
        goNoGoQuestions: pb.goNoGoQuestions.length,
        thresholds: pb.escalationThresholds.length + pb.successMetrics.length,
        rollbackTriggers: pb.rollbackTriggers.length + pb.manualRollbackTriggers.length,
        decisionTrees: pb.decisionTrees.length,
        communicationTemplates: pb.communicationTemplates.length,
      },
      notUnderstood: s.notUnderstood,
      assumed,
    },
  };
}
