// What an import answers: the template it understood, and a report a person reads before creating it.
import type { TTemplateDefinition } from "../template-definition";

export const UNDERSTOOD_KINDS = [
  "phases",
  "sections",
  "items",
  "goNoGoQuestions",
  "thresholds",
  "rollbackTriggers",
  "decisionTrees",
  "communicationTemplates",
] as const;
export type TUnderstoodKind = (typeof UNDERSTOOD_KINDS)[number];

export const UNDERSTOOD_LABELS: Record<TUnderstoodKind, string> = {
  phases: "Phases",
  sections: "Sections",
  items: "Checklist items",
  goNoGoQuestions: "Go/no-go questions",
  thresholds: "Thresholds",
  rollbackTriggers: "Rollback triggers",
  decisionTrees: "Decision trees",
  communicationTemplates: "Communication templates",
};

/** A line the importer did not understand, and where it was kept (never dropped silently). */
export type TNotUnderstood = { line: number; text: string; keptAs: string };

export type TImportPreview = {
  understood: Record<TUnderstoodKind, number>;
  notUnderstood: TNotUnderstood[];
  /** What the runbook lacked that a template needs, and what was put in its place. */
  assumed: string[];
};

export type TRunbookImport = { definition: TTemplateDefinition; preview: TImportPreview };

/** Input the importer refuses outright: nothing is written; the message says what is wrong. */
export class RunbookImportError extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
  }
}

/** The largest runbook accepted (the seed is 12 KB). */
export const MAX_RUNBOOK_BYTES = 256 * 1024;
