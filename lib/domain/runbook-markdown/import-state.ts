// The importer's working state: the phases and sections built so far, the playbook's parts, and the
// lines kept as notes. import.ts walks the blocks; this file holds what they build and finishes it.
import type { z } from "zod";
import type { TPhaseKey, TPlaybook, ZCommunicationTemplate, ZDecisionTree, ZManualTrigger, ZRolloutStep, ZTemplateItem, ZThreshold } from "../template-definition";
import type { TNotUnderstood } from "./types";

export type TItemDraft = z.input<typeof ZTemplateItem>;
export type TSectionDraft = {
  title: string;
  budgetMinutes?: number;
  command?: string;
  expectedOutput?: string;
  intervalMinutes?: number;
  notes: string[];
  items: TItemDraft[];
};
export type TPhaseDraft = {
  key: TPhaseKey;
  title: string;
  budget: [number, number] | null;
  line: number;
  successCriteria: string[];
  sections: TSectionDraft[];
};

export type TPlaybookDraft = {
  goNoGoQuestions: string[];
  successCriteria: string[];
  escalationThresholds: z.input<typeof ZThreshold>[];
  rollbackTriggers: z.input<typeof ZThreshold>[];
  manualRollbackTriggers: z.input<typeof ZManualTrigger>[];
  successMetrics: z.input<typeof ZThreshold>[];
  rolloutSteps: z.input<typeof ZRolloutStep>[];
  rollbackCommand?: string;
  decisionTrees: z.input<typeof ZDecisionTree>[];
  communicationTemplates: z.input<typeof ZCommunicationTemplate>[];
  recordTemplate?: string;
};

export function emptyPlaybook(): TPlaybookDraft {
  return {
    goNoGoQuestions: [],
    successCriteria: [],
    escalationThresholds: [],
    rollbackTriggers: [],
    manualRollbackTriggers: [],
    successMetrics: [],
    rolloutSteps: [],
    decisionTrees: [],
    communicationTemplates: [],
  };
}

export class ImportState {
  name?: string;
  description: string[] = [];
  duration: [number, number] | null = null;
  phases: TPhaseDraft[] = [];
  /** Checklists under a heading that is no phase ("Final Checklist"): checks before the deployment. */
  orphanSections: TSectionDraft[] = [];
  playbook = emptyPlaybook();
  notUnderstood: TNotUnderstood[] = [];
  lastSection: TSectionDraft | null = null;
  /** Notes met before any section: they go to the first one. */
  private pendingNotes: string[] = [];
  /** "**If GO:**" and its command: the command of the section that follows. */
  pendingCommand?: string;

  phase(key: TPhaseKey, title: string, budget: [number, number] | null, line: number): TPhaseDraft {
    const existing = this.phases.find((p) => p.key === key);
    if (existing) return existing;
    const created: TPhaseDraft = { key, title, budget, line, successCriteria: [], sections: [] };
    this.phases.push(created);
    return created;
  }

  section(phase: TPhaseDraft | null, title: string, budgetMinutes?: number, intervalMinutes?: number): TSectionDraft {
    const created: TSectionDraft = { title, notes: [...this.pendingNotes], items: [] };
    if (budgetMinutes) created.budgetMinutes = budgetMinutes;
    if (intervalMinutes) created.intervalMinutes = intervalMinutes;
    if (this.pendingCommand) created.command = this.pendingCommand;
    this.pendingCommand = undefined;
    this.pendingNotes = [];
    (phase ? phase.sections : this.orphanSections).push(created);
    this.lastSection = created;
    return created;
  }

  /** Keeps a line (or block) the importer has no place for as a note on the nearest section. */
  keep(line: number, text: string) {
    const target = this.lastSection;
    if (target) target.notes.push(text);
    else this.pendingNotes.push(text);
    const where = target ? `note on “${target.title}”` : "note on the first section";
    this.notUnderstood.push({ line, text: summarize(text), keptAs: where });
  }

  /** A quoted note (how exports write notes): understood, so not reported. */
  note(text: string, continues: boolean) {
    const target = this.lastSection ? this.lastSection.notes : this.pendingNotes;
    if (continues && target.length) target[target.length - 1] += `\n${text}`;
    else target.push(text);
  }

  /** Notes left over with no section after them go to the last one there is. */
  flushPendingNotes() {
    const last = this.phases.at(-1)?.sections.at(-1) ?? this.orphanSections.at(-1);
    if (last && this.pendingNotes.length) last.notes.push(...this.pendingNotes);
    this.pendingNotes = [];
  }
}

/** What the preview shows of a kept line: a code block by its first line of text and its length. */
function summarize(text: string): string {
  const lines = text.split("\n");
  const shown = lines.length > 1 && lines[0].startsWith("```")
    ? `Code block (${lines.length - 2} lines): ${lines.slice(1).find((l) => l.trim() && !l.startsWith("```")) ?? ""}`
    : text;
  return shown.length > 200 ? `${shown.slice(0, 199)}…` : shown;
}

export type TFinishedPlaybook = Omit<TPlaybook, "rollbackCommand"> & { rollbackCommand?: string };
