// What makes a template draft saveable, as messages a lead can act on without reading code:
// "Phase 2 “Staging” › section “Deploy” › item 3: text is required". Each problem carries the path of
// the field it is about, so the editor shows it beside that field as well as in the summary. Pure;
// the server runs the same check before anything is written.
import { isKnownField, templateFields } from "./comms-fields";
import { COMPARE_DIRECTIONS } from "./compare-rule";
import { linkFromKey } from "./item-links";
import { BUILTIN_METRICS } from "./metric-catalog";
import { MAX_WINDOW_MINUTES, WINDOW_KINDS } from "./metric-rules";
import { ZComparator } from "./template-definition";
import { checkPromqlTemplate } from "./promql-validation";
import { MAX_PROMQL_CHARS } from "./rule-source-schema";
import { PHASE_STAGE_LABELS, PHASE_STAGES, RULE_LIST_LABELS, RULE_LISTS, type TRuleRowDraft, type TTemplateDraft } from "./template-draft";
import { validateRolloutSteps } from "./rollout-steps";

export type TTemplateProblem = { path: string; message: string };

/** A week: no phase or section of a deployment day is budgeted longer; more is a typing mistake. */
export const MAX_BUDGET_MINUTES = 7 * 24 * 60;
export const LIMITS = { name: 200, title: 200, itemText: 500, command: 4000, expectedOutput: 500, question: 300, label: 200, unit: 16, cadence: 100, body: 8000, description: 2000 };
export const MAX_PHASES = PHASE_STAGES.length;
export const MAX_SECTIONS = 50;
export const MAX_ITEMS = 200;
export const MAX_QUESTIONS = 30;
export const MAX_RULES = 30;

const quote = (text: string) => `“${text.trim() || "untitled"}”`;

export function validateTemplateDraft(draft: TTemplateDraft): TTemplateProblem[] {
  const problems: TTemplateProblem[] = [];
  const ruleLabels = new Set(RULE_LISTS.flatMap((list) => draft.rules[list].map((r) => r.label.trim())));
  const stepPercents = new Set(draft.rolloutSteps.map((s) => s.percent));
  const add = (path: string, message: string) => problems.push({ path, message });
  const text = (path: string, where: string, value: string, max: number, what: string, isRequired = true) => {
    if (isRequired && !value.trim()) add(path, `${where}: ${what} is required`);
    else if (value.trim().length > max) add(path, `${where}: ${what} is longer than ${max} characters`);
  };
  const minutes = (path: string, where: string, value: number | null, what: string, isRequired = true) => {
    if (value === null) {
      if (isRequired) add(path, `${where}: ${what} is required`);
    } else if (!Number.isInteger(value) || value <= 0) add(path, `${where}: ${what} must be a positive whole number of minutes`);
    else if (value > MAX_BUDGET_MINUTES) add(path, `${where}: ${what} must be at most ${MAX_BUDGET_MINUTES} minutes (a week)`);
  };
  const range = (path: string, where: string, min: number | null, max: number | null) => {
    if (min !== null && max !== null && Number.isInteger(min) && Number.isInteger(max) && max < min) {
      add(path, `${where}: the longest budget (${max} min) is shorter than the shortest (${min} min)`);
    }
  };

  text("name", "Template", draft.name, LIMITS.name, "name");
  text("description", "Template", draft.description, LIMITS.description, "description", false);
  minutes("expectedDurationMinMinutes", "Template", draft.expectedDurationMinMinutes, "shortest expected duration");
  minutes("expectedDurationMaxMinutes", "Template", draft.expectedDurationMaxMinutes, "longest expected duration");
  range("expectedDurationMaxMinutes", "Template", draft.expectedDurationMinMinutes, draft.expectedDurationMaxMinutes);

  if (draft.phases.length === 0) add("phases", "The template needs at least one phase");
  if (draft.phases.length > MAX_PHASES) add("phases", `A template has at most ${MAX_PHASES} phases (one per stage)`);
  draft.phases.forEach((phase, p) => {
    const where = `Phase ${p + 1} ${quote(phase.title)}`;
    const path = `phases.${p}`;
    if (!PHASE_STAGES.includes(phase.key)) add(`${path}.key`, `${where}: unknown stage`);
    const sameStage = draft.phases.findIndex((other) => other.key === phase.key);
    if (sameStage !== p) add(`${path}.key`, `${where}: phase ${sameStage + 1} is already the ${PHASE_STAGE_LABELS[phase.key] ?? phase.key} phase (one phase per stage)`);
    const previous = draft.phases[p - 1];
    if (previous && PHASE_STAGES.indexOf(previous.key) > PHASE_STAGES.indexOf(phase.key)) {
      add(`${path}.key`, `${where}: phases follow the run's stages, so ${PHASE_STAGE_LABELS[phase.key]} cannot come after ${PHASE_STAGE_LABELS[previous.key]}`);
    }
    text(`${path}.title`, where, phase.title, LIMITS.title, "title");
    minutes(`${path}.budgetMinMinutes`, where, phase.budgetMinMinutes, "shortest budget");
    minutes(`${path}.budgetMaxMinutes`, where, phase.budgetMaxMinutes, "longest budget");
    range(`${path}.budgetMaxMinutes`, where, phase.budgetMinMinutes, phase.budgetMaxMinutes);
    if (phase.sections.length === 0) add(`${path}.sections`, `${where}: a phase needs at least one section`);
    if (phase.sections.length > MAX_SECTIONS) add(`${path}.sections`, `${where}: at most ${MAX_SECTIONS} sections`);
    phase.sections.forEach((section, s) => {
      const inSection = `${where} › section ${quote(section.title)}`;
      const sPath = `${path}.sections.${s}`;
      text(`${sPath}.title`, `${where} › section ${s + 1}`, section.title, LIMITS.title, "title");
      const twin = phase.sections.findIndex((other) => other.title.trim().toLowerCase() === section.title.trim().toLowerCase());
      if (section.title.trim() && twin !== s) add(`${sPath}.title`, `${inSection}: sections ${twin + 1} and ${s + 1} have the same title`);
      minutes(`${sPath}.budgetMinutes`, inSection, section.budgetMinutes, "budget", false);
      minutes(`${sPath}.intervalMinutes`, inSection, section.intervalMinutes, "repeat interval", false);
      text(`${sPath}.command`, inSection, section.command, LIMITS.command, "command", false);
      text(`${sPath}.expectedOutput`, inSection, section.expectedOutput, LIMITS.expectedOutput, "expected output", false);
      if (section.items.length > MAX_ITEMS) add(`${sPath}.items`, `${inSection}: at most ${MAX_ITEMS} items`);
      section.items.forEach((item, i) => {
        const inItem = `${inSection} › item ${i + 1}`;
        const iPath = `${sPath}.items.${i}`;
        text(`${iPath}.text`, inItem, item.text, LIMITS.itemText, "text");
        text(`${iPath}.command`, inItem, item.command, LIMITS.command, "command", false);
        text(`${iPath}.expectedOutput`, inItem, item.expectedOutput, LIMITS.expectedOutput, "expected output", false);
        if (item.depth === 1 && i === 0) add(`${iPath}.depth`, `${inItem}: the first item of a section cannot be nested under another`);
        const link = linkFromKey(item.metricLink);
        if (item.metricLink && !link) add(`${iPath}.metricLink`, `${inItem}: “${item.metricLink}” is not a rule or checkpoint`);
        // Renaming or removing a rule would silently untie the item: say so where the item is.
        if (link?.kind === "rule" && !ruleLabels.has(link.rule)) add(`${iPath}.metricLink`, `${inItem}: tied to rule “${link.rule}”, which this template no longer has`);
        if (link?.kind === "checkpoint" && !stepPercents.has(link.percent)) add(`${iPath}.metricLink`, `${inItem}: tied to the checkpoint at ${link.percent}%, which the rollout no longer has`);
      });
    });
  });

  if (draft.goNoGoQuestions.length === 0) add("goNoGoQuestions", "Go/No-Go: at least one question is required");
  if (draft.goNoGoQuestions.length > MAX_QUESTIONS) add("goNoGoQuestions", `Go/No-Go: at most ${MAX_QUESTIONS} questions`);
  draft.goNoGoQuestions.forEach((question, q) => {
    const where = `Go/No-Go question ${q + 1}`;
    text(`goNoGoQuestions.${q}`, where, question.text, LIMITS.question, "text");
    const twin = draft.goNoGoQuestions.findIndex((other) => other.text.trim().toLowerCase() === question.text.trim().toLowerCase());
    if (question.text.trim() && twin !== q) add(`goNoGoQuestions.${q}`, `${where}: same as question ${twin + 1}`);
  });

  for (const list of RULE_LISTS) {
    const rules = draft.rules[list];
    if (rules.length > MAX_RULES) add(`rules.${list}`, `${RULE_LIST_LABELS[list]}: at most ${MAX_RULES} rules`);
    rules.forEach((rule, r) => {
      const where = `${RULE_LIST_LABELS[list]} › rule ${r + 1}${rule.label.trim() ? ` ${quote(rule.label)}` : ""}`;
      const path = `rules.${list}.${r}`;
      text(`${path}.label`, where, rule.label, LIMITS.label, "label");
      if (!BUILTIN_METRICS.some((m) => m.key === rule.metric)) add(`${path}.metric`, `${where}: choose a metric (${BUILTIN_METRICS.map((m) => m.key).join(", ")})`);
      text(`${path}.unit`, where, rule.unit, LIMITS.unit, "unit", false);
      if (rule.sourceKind === "promql") sourceProblems(rule, path, where).forEach((p) => add(p.path, p.message));
      if (rule.kind === "compare") {
        checkCompareRow(rule, path, where, add);
        return;
      }
      if (!ZComparator.safeParse(rule.comparator).success) add(`${path}.comparator`, `${where}: the comparison must be one of ${ZComparator.options.join(" ")}`);
      if (rule.value === null) add(`${path}.value`, `${where}: threshold is required`);
      else if (!Number.isFinite(rule.value)) add(`${path}.value`, `${where}: threshold must be a finite number`);
      if (!(WINDOW_KINDS as readonly string[]).includes(rule.windowKind)) add(`${path}.windowKind`, `${where}: unknown window kind`);
      else if (rule.windowKind !== "immediate") {
        const m = rule.windowMinutes;
        if (m === null) add(`${path}.windowMinutes`, `${where}: window minutes are required for a ${rule.windowKind} window`);
        else if (!Number.isFinite(m) || m <= 0 || m > MAX_WINDOW_MINUTES) add(`${path}.windowMinutes`, `${where}: window must be more than 0 and at most ${MAX_WINDOW_MINUTES} minutes`);
      }
    });
  }

  problems.push(...validateRolloutSteps(draft.rolloutSteps));

  draft.communicationTemplates.forEach((comms, c) => {
    const where = `Communication ${quote(comms.title)}`;
    const path = `communicationTemplates.${c}`;
    text(`${path}.title`, `Communication ${c + 1}`, comms.title, LIMITS.title, "title");
    text(`${path}.cadence`, where, comms.cadence, LIMITS.cadence, "when to send");
    text(`${path}.body`, where, comms.body, LIMITS.body, "text");
    const unknown = templateFields(comms.body).filter((f) => !isKnownField(f));
    if (unknown.length) add(`${path}.body`, `${where}: unknown field${unknown.length > 1 ? "s" : ""} ${unknown.map((f) => `{{${f}}}`).join(", ")}`);
  });
  return problems;
}

/** A PromQL source: a data source chosen, a query that renders and parses (the server also checks the data source exists). */
function sourceProblems(rule: TRuleRowDraft, path: string, where: string): TTemplateProblem[] {
  const problems: TTemplateProblem[] = [];
  if (!rule.dataSourceId.trim()) problems.push({ path: `${path}.dataSourceId`, message: `${where}: choose the data source the query runs on` });
  if (rule.query.trim().length > MAX_PROMQL_CHARS) problems.push({ path: `${path}.query`, message: `${where}: the query is longer than ${MAX_PROMQL_CHARS} characters` });
  else {
    const check = checkPromqlTemplate(rule.query);
    if (!check.ok) problems.push({ path: `${path}.query`, message: `${where}: ${check.message}` });
  }
  const limit = rule.consecutiveErrorLimit;
  if (limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > 100)) {
    problems.push({ path: `${path}.consecutiveErrorLimit`, message: `${where}: errors before failing must be a whole number from 1 to 100` });
  }
  return problems;
}

/** A compare row: what is bad (direction), by how much (allowed %), on how many samples, over which window. */
function checkCompareRow(rule: TRuleRowDraft, path: string, where: string, add: (path: string, message: string) => void): void {
  if (!(COMPARE_DIRECTIONS as readonly string[]).includes(rule.direction)) add(`${path}.direction`, `${where}: the direction must be one of ${COMPARE_DIRECTIONS.join(", ")}`);
  const allowed = rule.allowedDifferencePercent;
  if (allowed === null) add(`${path}.allowedDifferencePercent`, `${where}: the allowed difference (%) is required`);
  else if (!Number.isFinite(allowed) || allowed < 0 || allowed > 10_000) add(`${path}.allowedDifferencePercent`, `${where}: the allowed difference must be 0 to 10000%`);
  const samples = rule.minSamplesPerSide;
  if (samples === null) add(`${path}.minSamplesPerSide`, `${where}: the minimum samples per side is required`);
  else if (!Number.isInteger(samples) || samples < 1 || samples > 100_000) add(`${path}.minSamplesPerSide`, `${where}: the minimum samples per side must be a whole number from 1 to 100000`);
  const minutes = rule.windowMinutes;
  if (minutes === null) add(`${path}.windowMinutes`, `${where}: the comparison window (minutes) is required`);
  else if (!Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_WINDOW_MINUTES) add(`${path}.windowMinutes`, `${where}: window must be more than 0 and at most ${MAX_WINDOW_MINUTES} minutes`);
}

/** The problems about one field (or, with `isPrefix`, anything inside it) for showing beside it. */
export function problemsAt(problems: readonly TTemplateProblem[], path: string, isPrefix = false): TTemplateProblem[] {
  return problems.filter((p) => p.path === path || (isPrefix && p.path.startsWith(`${path}.`)));
}
