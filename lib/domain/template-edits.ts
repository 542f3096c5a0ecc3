// Structural edits of a template draft: add, remove and move phases, sections, items, go/no-go
// questions and metric rules. Pure: each returns a new draft and leaves the old one untouched (the
// editor keeps it for undo-free re-rendering); an index out of range returns the draft unchanged.
import { renameCheckpoint, type TRolloutStepDraft } from "./rollout-steps";
import type { TPhaseKey } from "./template-definition";
import {
  PHASE_STAGE_LABELS,
  PHASE_STAGES,
  type TItemDraft,
  type TPhaseDraft,
  type TRuleList,
  type TRuleRowDraft,
  type TSectionDraft,
  type TTemplateDraft,
} from "./template-draft";

/** The list with the element at `index` moved by `delta` places; unchanged when it would leave the list. */
export function moveAt<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const copy = [...list];
  [copy[index], copy[target]] = [copy[target], copy[index]];
  return copy;
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((v, i) => (i === index ? value : v));
}

function takeUid(draft: TTemplateDraft): [string, TTemplateDraft] {
  return [`u${draft.nextUid}`, { ...draft, nextUid: draft.nextUid + 1 }];
}

// ───────────────────────────── phases ─────────────────────────────

/** Stages no phase uses yet: what "Add phase" offers (one phase per stage). */
export function freeStages(draft: TTemplateDraft): TPhaseKey[] {
  return PHASE_STAGES.filter((key) => !draft.phases.some((p) => p.key === key));
}

/**
 * A new phase for a free stage, placed where its stage comes in the run, with one empty section.
 * There is no "move phase": the status machine walks the stages in a fixed order, so a phase's place
 * follows from its stage (validation refuses phases out of that order).
 */
export function addPhase(draft: TTemplateDraft, key: TPhaseKey): TTemplateDraft {
  if (!freeStages(draft).includes(key)) return draft;
  const [phaseUid, d1] = takeUid(draft);
  const [sectionUid, d2] = takeUid(d1);
  const [itemUid, d3] = takeUid(d2);
  const phase: TPhaseDraft = {
    uid: phaseUid,
    key,
    title: PHASE_STAGE_LABELS[key],
    budgetMinMinutes: 15,
    budgetMaxMinutes: 30,
    successCriteria: [],
    sections: [emptySection(sectionUid, itemUid)],
  };
  const order = (k: TPhaseKey) => PHASE_STAGES.indexOf(k);
  const at = d3.phases.findIndex((p) => order(p.key) > order(key));
  const phases = [...d3.phases];
  phases.splice(at < 0 ? phases.length : at, 0, phase);
  return { ...d3, phases };
}

export function removePhase(draft: TTemplateDraft, phaseIndex: number): TTemplateDraft {
  return { ...draft, phases: removeAt(draft.phases, phaseIndex) };
}

export function updatePhase(draft: TTemplateDraft, phaseIndex: number, change: (phase: TPhaseDraft) => TPhaseDraft): TTemplateDraft {
  const phase = draft.phases[phaseIndex];
  return phase ? { ...draft, phases: replaceAt(draft.phases, phaseIndex, change(phase)) } : draft;
}

// ───────────────────────────── sections ─────────────────────────────

function emptySection(uid: string, itemUid: string): TSectionDraft {
  return { uid, title: "New section", budgetMinutes: null, command: "", expectedOutput: "", intervalMinutes: null, items: [emptyItem(itemUid)] };
}

function emptyItem(uid: string): TItemDraft {
  return { uid, text: "", depth: 0, command: "", expectedOutput: "", required: true, metricLink: "" };
}

export function addSection(draft: TTemplateDraft, phaseIndex: number): TTemplateDraft {
  if (!draft.phases[phaseIndex]) return draft;
  const [uid, d1] = takeUid(draft);
  const [itemUid, d2] = takeUid(d1);
  return updatePhase(d2, phaseIndex, (p) => ({ ...p, sections: [...p.sections, emptySection(uid, itemUid)] }));
}

export function removeSection(draft: TTemplateDraft, phaseIndex: number, sectionIndex: number): TTemplateDraft {
  return updatePhase(draft, phaseIndex, (p) => ({ ...p, sections: removeAt(p.sections, sectionIndex) }));
}

export function moveSection(draft: TTemplateDraft, phaseIndex: number, sectionIndex: number, delta: -1 | 1): TTemplateDraft {
  return updatePhase(draft, phaseIndex, (p) => ({ ...p, sections: moveAt(p.sections, sectionIndex, delta) }));
}

export function updateSection(
  draft: TTemplateDraft,
  phaseIndex: number,
  sectionIndex: number,
  change: (section: TSectionDraft) => TSectionDraft,
): TTemplateDraft {
  return updatePhase(draft, phaseIndex, (p) => {
    const section = p.sections[sectionIndex];
    return section ? { ...p, sections: replaceAt(p.sections, sectionIndex, change(section)) } : p;
  });
}

// ───────────────────────────── items ─────────────────────────────

export function addItem(draft: TTemplateDraft, phaseIndex: number, sectionIndex: number): TTemplateDraft {
  if (!draft.phases[phaseIndex]?.sections[sectionIndex]) return draft;
  const [uid, next] = takeUid(draft);
  return updateSection(next, phaseIndex, sectionIndex, (s) => ({ ...s, items: [...s.items, emptyItem(uid)] }));
}

export function removeItem(draft: TTemplateDraft, phaseIndex: number, sectionIndex: number, itemIndex: number): TTemplateDraft {
  return updateSection(draft, phaseIndex, sectionIndex, (s) => ({ ...s, items: removeAt(s.items, itemIndex) }));
}

export function moveItem(draft: TTemplateDraft, phaseIndex: number, sectionIndex: number, itemIndex: number, delta: -1 | 1): TTemplateDraft {
  return updateSection(draft, phaseIndex, sectionIndex, (s) => ({ ...s, items: moveAt(s.items, itemIndex, delta) }));
}

export function updateItem(
  draft: TTemplateDraft,
  phaseIndex: number,
  sectionIndex: number,
  itemIndex: number,
  change: Partial<Omit<TItemDraft, "uid">>,
): TTemplateDraft {
  return updateSection(draft, phaseIndex, sectionIndex, (s) => {
    const item = s.items[itemIndex];
    return item ? { ...s, items: replaceAt(s.items, itemIndex, { ...item, ...change }) } : s;
  });
}

// ───────────────────────────── go/no-go questions and rules ─────────────────────────────

export function addQuestion(draft: TTemplateDraft): TTemplateDraft {
  const [uid, next] = takeUid(draft);
  return { ...next, goNoGoQuestions: [...next.goNoGoQuestions, { uid, text: "" }] };
}

export function addRule(draft: TTemplateDraft, list: TRuleList): TTemplateDraft {
  const [uid, next] = takeUid(draft);
  const rule: TRuleRowDraft = {
    uid,
    label: "",
    metric: "error_rate",
    comparator: ">",
    value: null,
    unit: "%",
    windowKind: "immediate",
    windowMinutes: null,
    sourceKind: "push",
    dataSourceId: "",
    query: "",
    consecutiveErrorLimit: null,
    kind: "threshold",
    direction: "increase",
    allowedDifferencePercent: null,
    minSamplesPerSide: null,
    semantics: {},
  };
  return { ...next, rules: { ...next.rules, [list]: [...next.rules[list], rule] } };
}

// ───────────────────────────── rollout steps ─────────────────────────────

/** A new last step: the old last one usually moves down to make room, so it starts empty for the lead to fill. */
export function addRolloutStep(draft: TTemplateDraft): TTemplateDraft {
  const [uid, next] = takeUid(draft);
  return { ...next, rolloutSteps: [...next.rolloutSteps, { uid, percent: null, label: "", greenMinutes: 5, checkpoint: "Metrics green (5 minutes)" }] };
}

/** Changes one step; new checkpoint minutes also update a runbook-style checkpoint name ("… (5 minutes)"). */
export function updateRolloutStep(draft: TTemplateDraft, index: number, change: Partial<TRolloutStepDraft>): TTemplateDraft {
  const step = draft.rolloutSteps[index];
  if (!step) return draft;
  const renamed = change.greenMinutes !== undefined && change.checkpoint === undefined ? { checkpoint: renameCheckpoint(step.checkpoint, change.greenMinutes) } : {};
  return { ...draft, rolloutSteps: replaceAt(draft.rolloutSteps, index, { ...step, ...change, ...renamed }) };
}
