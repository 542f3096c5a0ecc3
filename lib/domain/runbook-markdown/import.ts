// A Markdown runbook in the seed's shape (prisma/seed/deployment-day-checklist.md) → a template
// definition and a preview of what was understood. Headings are phases and sections with their time
// budgets; `- [ ]` items (nested), fenced commands with "Should show: …" (commands.ts), messages with
// their [PLACEHOLDERS] as fields (placeholders.ts), and the playbook's blocks by their headings' words.
// Whatever else is kept as a note on the nearest section. Pure.
import { lexRunbook, parseDuration, readDuration, RunbookSyntaxError, type TBlock, type TMeta } from "./lex";
import { ImportState, type TItemDraft, type TPhaseDraft, type TSectionDraft } from "./import-state";
import { goNoGoQuestion, parseThreshold, parseTreeDrawing, phaseKeyOf, sentenceCase } from "./rules";
import { finishImport } from "./import-finish";
import { expectedOutputs, shouldText } from "./commands";
import { fillPlaceholders } from "./placeholders";
import { checkRunbookText } from "./input-checks";
import { RunbookImportError, type TRunbookImport } from "./types";
import type { TThresholdInput } from "./rules";

/** The playbook's blocks, by the words of their heading. */
const KEYWORDS = [
  ["goNoGo", /go\/no-go/i],
  ["ifGo", /^if go$/i],
  ["successCriteria", /success criteria/i],
  ["successMetrics", /success metrics/i],
  ["successIndicators", /success indicators/i],
  ["escalation", /escalation threshold/i],
  ["rollback", /rollback trigger|trigger.* for rollback/i],
  ["rolloutSteps", /^rollout steps$/i],
  ["record", /^record deployment details$/i],
] as const;
type TKeyword = (typeof KEYWORDS)[number][0];
const keywordOf = (title: string): TKeyword | null => KEYWORDS.find(([, re]) => re.test(title))?.[0] ?? null;

const COMM_WORDS = [
  [/pre[- ]?deploy/i, "pre_deployment"],
  [/progress/i, "in_progress"],
  [/complete|success/i, "complete"],
  [/rollback/i, "rollback"],
] as const;
const COMM_CADENCE = { pre_deployment: "before the deployment", in_progress: "during the deployment", complete: "when the deployment completes", rollback: "if needed, as soon as a rollback starts" } as const;
const TREE_SIGNALS: Array<[RegExp, string]> = [[/build/i, "build_item_failed"], [/staging/i, "staging_item_failed"], [/canary/i, "canary_rollback_rule"], [/rollout/i, "rollout_rollback_rule"]];

const isCommandLang = (lang: string) => /^(bash|sh|shell|zsh|console|powershell|ps1|sql|python|yaml|json)$/i.test(lang);
const singleBudget = (raw: string) => {
  const d = parseDuration(raw);
  return d && d[0] === d[1] ? d[0] : undefined;
};

export function importRunbook(source: string, options: { name?: string } = {}): TRunbookImport {
  checkRunbookText(source);
  let blocks: TBlock[];
  try {
    blocks = lexRunbook(source);
  } catch (error) {
    if (error instanceof RunbookSyntaxError) throw new RunbookImportError(error.message, error.line);
    throw error;
  }
  const s = new ImportState();
  let mode: "header" | "phase" | "other" | "trees" | "comms" = "header";
  let h2Phase: TPhaseDraft | null = null;
  let phase: TPhaseDraft | null = null;
  /** The current "### heading" that is a section (made when something lands in it). */
  let h3: { title: string; budget?: number; interval?: number; section?: TSectionDraft } | null = null;
  /** The current bold sub-heading: a keyword block, a section of its own, or a part of the H3 section. */
  let bold: { kind: "keyword"; keyword: TKeyword } | { kind: "section"; section: TSectionDraft } | { kind: "part"; title: string; sub?: TSectionDraft } | null = null;
  let keywordAtHeading: TKeyword | null = null;
  let lastItem: TItemDraft | null = null;
  let commandOwner: { expectedOutput?: string } | null = null;
  let tree: { title: string; meta?: TMeta } | null = null;
  let comm: { key: (typeof COMM_WORDS)[number][1]; heading: string; cadence?: string; title?: string; meta?: TMeta } | null = null;
  let previous: TBlock | null = null;

  const keyword = (): TKeyword | null => (bold?.kind === "keyword" ? bold.keyword : bold ? null : keywordAtHeading);
  const phaseForSections = () => (mode === "phase" ? phase : null);
  const h3Section = () => {
    if (!h3) return null;
    h3.section ??= s.section(phaseForSections(), h3.title, h3.budget, h3.interval);
    return h3.section;
  };
  /** Where a checkbox lands: the bold's own section, a bold part of the H3 section, the H3 section, or the phase's. */
  const itemSection = (): TSectionDraft | null => {
    if (bold?.kind === "section") return bold.section;
    if (bold?.kind === "part") {
      if (!bold.sub) {
        const interval = /every (\d+) minutes?/i.exec(bold.title);
        bold.sub = s.section(phaseForSections(), bold.title, h3?.budget, interval ? Number(interval[1]) : undefined);
      }
      return bold.sub;
    }
    if (h3) return h3Section();
    if (phase) return (bold = { kind: "section", section: s.section(phase, phase.title) }).section;
    return null;
  };
  const addItem = (section: TSectionDraft, item: TItemDraft, meta?: TMeta) => {
    const full = { ...item, ...(meta ?? {}) } as TItemDraft;
    section.items.push(full);
    lastItem = full;
    return full;
  };
  /** The words' threshold, with what an export's comment says over it (checked whole by the template schema at the end). */
  const threshold = (text: string, meta?: TMeta): TThresholdInput | null => {
    const parsed = parseThreshold(text);
    return parsed || meta?.metric ? ({ ...(parsed ?? {}), ...(meta ?? {}), label: text } as TThresholdInput) : null;
  };

  const onHeading = (b: Extract<TBlock, { kind: "heading" }>) => {
    bold = null;
    keywordAtHeading = null;
    lastItem = null;
    if (b.level === 1) {
      if (!s.name) s.name = b.text;
      else s.keep(b.line, `# ${b.raw}`);
      return;
    }
    const key = typeof b.meta?.phase === "string" ? b.meta.phase : null;
    if (b.level === 2) {
      h3 = null;
      tree = null;
      comm = null;
      if (/decision tree/i.test(b.text)) mode = "trees";
      else if (/communication templates?/i.test(b.text)) mode = "comms";
      else if (keywordOf(b.text)) [mode, keywordAtHeading] = ["other", keywordOf(b.text)];
      else if (key || phaseKeyOf(b.text)) {
        mode = "phase";
        phase = h2Phase = s.phase((key ?? phaseKeyOf(b.text)) as TPhaseDraft["key"], b.text, parseDuration(b.raw), b.line);
      } else [mode, phase, h2Phase] = ["other", null, null];
      return;
    }
    h3 = null;
    if (mode === "trees") {
      tree = { title: b.text.replace(/^issue:\s*/i, ""), meta: b.meta };
      return;
    }
    if (mode === "comms") {
      const key = (b.meta?.key as (typeof COMM_WORDS)[number][1] | undefined) ?? COMM_WORDS.find(([re]) => re.test(b.text))?.[1];
      const paren = /\(([^)]+)\)\s*$/.exec(b.raw);
      comm = key ? { key, heading: b.text, cadence: paren?.[1].toLowerCase(), meta: b.meta } : null;
      if (!key) s.keep(b.line, `### ${b.raw}`);
      return;
    }
    const phaseTitle = /^phase \d+:\s*(.+)$/i.exec(b.text);
    if (phaseTitle || (key && b.level === 3)) {
      mode = "phase";
      const title = phaseTitle ? phaseTitle[1] : b.text;
      const phaseKey = key ?? phaseKeyOf(title);
      if (phaseKey) phase = s.phase(phaseKey as TPhaseDraft["key"], title, parseDuration(b.raw), b.line);
      else s.keep(b.line, `### ${b.raw}`);
      return;
    }
    const kw = keywordOf(b.text);
    if (kw) {
      keywordAtHeading = kw;
      return;
    }
    if (mode === "header") mode = "other";
    phase = h2Phase;
    if (mode === "other" && !h2Phase) phase = null;
    const interval = typeof b.meta?.intervalMinutes === "number" ? b.meta.intervalMinutes : undefined;
    const budget = typeof b.meta?.budgetMinutes === "number" ? b.meta.budgetMinutes : singleBudget(b.raw);
    h3 = { title: b.text, budget, interval };
  };

  const onBold = (b: Extract<TBlock, { kind: "bold" }>) => {
    lastItem = null;
    if (mode === "comms" && comm) {
      if (/^every\b/i.test(b.text)) comm.cadence = b.text.toLowerCase();
      else comm.title = `${comm.heading}: ${b.text}`;
      return;
    }
    const kw = keywordOf(b.text);
    if (kw) {
      if (kw === "record" && h3) addItem(h3Section()!, { text: sentenceCase(b.text) });
      bold = { kind: "keyword", keyword: kw };
      return;
    }
    if (/^checkpoints$/i.test(b.text) && bold?.kind === "section") return; // "**Checkpoints:**" continues the section above
    if (h3) bold = { kind: "part", title: b.text };
    else if (phase && mode === "phase") bold = { kind: "section", section: s.section(phase, b.text) };
    else s.keep(b.line, `**${b.raw}**`);
  };

  const onFence = (b: Extract<TBlock, { kind: "fence" }>) => {
    const kw = keyword();
    const lines = b.body.split("\n").map((l) => l.trim()).filter(Boolean);
    if (b.indent > 0 && lastItem && (previous?.kind === "checkbox" || previous?.kind === "prose")) {
      lastItem.command = b.body;
      const should = expectedOutputs(b.body);
      if (should.length) lastItem.expectedOutput = should[0];
      commandOwner = lastItem;
    } else if (kw === "goNoGo") s.playbook.goNoGoQuestions.push(...lines.map(goNoGoQuestion));
    else if (kw === "ifGo") s.pendingCommand = b.body;
    else if (kw === "rollback") readRollbackFence(lines, b.meta);
    else if (kw === "record") s.playbook.recordTemplate = b.body;
    else if (mode === "trees" && tree) {
      const drawn = parseTreeDrawing(b.body);
      const signal = TREE_SIGNALS.find(([re]) => re.test(tree!.title))?.[1] ?? "manual";
      const key = tree.title.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
      s.playbook.decisionTrees.push({ key, title: tree.title, signal, ...drawn, ...(tree.meta ?? {}), ...(b.meta ?? {}) });
      tree = null;
    } else if (mode === "comms" && comm) {
      const c = comm;
      const title = c.title ?? c.heading;
      // An export's message (its heading carries a warroom comment) is Warroom's own text: read back verbatim.
      const body = c.meta ? b.body : fillBrackets(b, title);
      s.playbook.communicationTemplates.push({ key: c.key, title, cadence: c.cadence ?? COMM_CADENCE[c.key], body, ...(c.meta ?? {}), ...(b.meta ?? {}) });
      comm = null;
    } else if (bold?.kind === "section") sectionCommand(bold.section, b.body);
    else if (bold?.kind === "part" && h3) {
      const item = addItem(h3Section()!, { text: sentenceCase(bold.title) });
      if (isCommandLang(b.lang)) item.command = b.body;
      else s.keep(b.line, b.raw);
    } else if (h3 && !bold && !lastItem) {
      sectionCommand(h3Section()!, b.body);
    } else s.keep(b.line, b.raw);
  };

  const sectionCommand = (section: TSectionDraft, body: string) => {
    section.command = body;
    const should = expectedOutputs(body);
    if (should.length) section.expectedOutput = should.join("; ");
    commandOwner = section;
  };

  /** A message's [PLACEHOLDERS] → {{fields}}; one it has no field for stays, and the preview says where. */
  const fillBrackets = (b: Extract<TBlock, { kind: "fence" }>, title: string) => {
    const filled = fillPlaceholders(b.body);
    for (const u of filled.unknown) s.notUnderstood.push({ line: b.line + 1 + u.lineIndex, text: u.line, keptAs: `left as written in “${title}”: no live field for ${u.placeholders.join(", ")}` });
    return filled.body;
  };

  const readRollbackFence = (lines: string[], meta?: TMeta) => {
    for (const [i, line] of lines.entries()) {
      const numbered = /^\d+\.\s*(.+)$/.exec(line);
      if (numbered) {
        const t = threshold(numbered[1]);
        if (t) s.playbook.rollbackTriggers.push(t);
        else s.playbook.manualRollbackTriggers.push({ label: numbered[1] });
      } else if (/^rollback command:?$/i.test(line) && lines[i + 1]) s.playbook.rollbackCommand = lines[i + 1];
    }
    if (meta) Object.assign(s.playbook, meta);
  };

  const onBullet = (b: Extract<TBlock, { kind: "bullet" }>) => {
    const kw = keyword();
    const t = () => threshold(b.text, b.meta);
    if (kw === "successCriteria" && phase) phase.successCriteria.push(b.text);
    else if (kw === "successMetrics") {
      phase?.successCriteria.push(b.text);
      const parsed = t();
      if (parsed) s.playbook.successMetrics.push(parsed);
    } else if (kw === "successIndicators") s.playbook.successCriteria.push(b.text);
    else if (kw === "goNoGo") s.playbook.goNoGoQuestions.push(goNoGoQuestion(b.text));
    else if (kw === "escalation" && t()) s.playbook.escalationThresholds.push(t()!);
    else if (kw === "rollback") {
      if (t()) s.playbook.rollbackTriggers.push(t()!);
      else s.playbook.manualRollbackTriggers.push({ label: b.text });
    } else if (kw === "rolloutSteps" && b.meta) s.playbook.rolloutSteps.push({ checkpoint: b.text, ...b.meta } as never);
    else if (!kw && (bold || h3)) {
      const section = bold?.kind === "section" ? bold.section : h3 ? h3Section()! : null;
      if (section) addItem(section, { text: b.text, required: false }, b.meta);
      else s.keep(b.line, `- ${b.text}`);
    } else s.keep(b.line, `- ${b.isCheck ? "✅ " : ""}${b.text}`);
  };

  const onCheckbox = (b: Extract<TBlock, { kind: "checkbox" }>) => {
    if (keyword() === "goNoGo") return void s.playbook.goNoGoQuestions.push(goNoGoQuestion(b.text));
    const section = keyword() ? null : itemSection();
    if (!section) return s.keep(b.line, `- [ ] ${b.text}`);
    const depth = b.indent > 0 && section.items.length ? 1 : 0;
    commandOwner = addItem(section, { text: b.text, depth, required: true }, b.meta);
  };

  const onProse = (b: Extract<TBlock, { kind: "prose" }>) => {
    const should = shouldText(b.text);
    if (should !== null && commandOwner) return void (commandOwner.expectedOutput = should);
    const meta = /^\*\*(.+?):\*\*\s*(.+)$/.exec(b.text);
    if (mode === "header") {
      if (meta && /timeline|duration/i.test(meta[1])) s.duration = readDuration(meta[2]);
      else if (meta) s.description.push(`${meta[1]}: ${meta[2]}`);
      else s.description.push(b.text);
      return;
    }
    if (meta && /estimated duration|timeline/i.test(meta[1]) && readDuration(meta[2])) return void (s.duration = readDuration(meta[2]));
    s.keep(b.line, b.text);
  };

  for (const b of blocks) {
    if (b.kind !== "prose" && b.kind !== "fence" && b.kind !== "checkbox") commandOwner = null;
    if (b.kind === "heading") onHeading(b);
    else if (b.kind === "bold") onBold(b);
    else if (b.kind === "fence") onFence(b);
    else if (b.kind === "checkbox") onCheckbox(b);
    else if (b.kind === "bullet") onBullet(b);
    else if (b.kind === "prose") onProse(b);
    else if (b.kind === "quote") s.note(b.text, previous?.kind === "quote" && previous.line === b.line - 1);
    previous = b;
  }
  return finishImport(s, options);
}
