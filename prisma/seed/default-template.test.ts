// Checks `default-template.ts` against the runbook it was written from. The markdown is parsed here
// on its own (headings, bold sub-headings, checkboxes, bullets, fenced blocks), so dropping,
// renaming or reordering an item, a command or a playbook entry makes this test fail.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ZTemplateDefinition,
  type TDecisionNode,
  type TPhaseKey,
} from "../../lib/domain/template-definition";
import { defaultTemplate } from "./default-template";

const markdown = readFileSync(new URL("./deployment-day-checklist.md", import.meta.url), "utf8");
const templateSource = readFileSync(new URL("./default-template.ts", import.meta.url), "utf8");

// ---------------------------------------------------------------------------------------------
// Markdown parsing
// ---------------------------------------------------------------------------------------------

type Context = { h2: string; h3: string; bold: string };
type Checkbox = Context & { indent: number; text: string };
type Bullet = Context & { indent: number; text: string; check: boolean };
type Fence = Context & { lang: string; body: string };

/** "### System Verification (15 minutes)" → "System Verification"; "**1. Deploy to Staging**" → "Deploy to Staging". */
const normalizeHeading = (s: string): string =>
  s
    .replace(/^[^\p{L}\p{N}]+/u, "") // leading emoji
    .replace(/\s*\([^)]*\)\s*$/, "") // trailing "(15 minutes)"
    .replace(/^\d+\.\s*/, "") // "1. "
    .replace(/:$/, "")
    .trim();

function parseMarkdown(source: string) {
  const ctx: Context = { h2: "", h3: "", bold: "" };
  const rawH3: string[] = [];
  const rawH2: string[] = [];
  const checkboxes: Checkbox[] = [];
  const bullets: Bullet[] = [];
  const fences: Fence[] = [];
  let fence: { lang: string; indent: number; lines: string[]; ctx: Context } | null = null;

  for (const line of source.split("\n")) {
    if (fence) {
      if (/^\s*```\s*$/.test(line)) {
        const body = fence.lines
          .map((l) => (l.slice(0, fence!.indent).trim() === "" ? l.slice(fence!.indent) : l))
          .join("\n");
        fences.push({ ...fence.ctx, lang: fence.lang, body });
        fence = null;
      } else {
        fence.lines.push(line);
      }
      continue;
    }
    const open = /^(\s*)```(\w*)\s*$/.exec(line);
    if (open) {
      fence = { lang: open[2], indent: open[1].length, lines: [], ctx: { ...ctx } };
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^## (.+)$/.exec(line))) {
      rawH2.push(m[1]);
      Object.assign(ctx, { h2: normalizeHeading(m[1]), h3: "", bold: "" });
    } else if ((m = /^### (.+)$/.exec(line))) {
      rawH3.push(m[1]);
      Object.assign(ctx, { h3: normalizeHeading(m[1]), bold: "" });
    } else if ((m = /^\*\*(.+?)\*\*\s*$/.exec(line))) {
      ctx.bold = normalizeHeading(m[1]);
    } else if ((m = /^(\s*)- \[ \] (.+)$/.exec(line))) {
      checkboxes.push({ ...ctx, indent: m[1].length, text: m[2].trim() });
    } else if ((m = /^(\s*)- (.+)$/.exec(line))) {
      const check = m[2].startsWith("✅");
      bullets.push({ ...ctx, indent: m[1].length, text: m[2].replace(/^✅\s*/, "").trim(), check });
    }
  }
  expect(fence, "unterminated code fence in the markdown").toBeNull();
  return { rawH2, rawH3, checkboxes, bullets, fences };
}

const doc = parseMarkdown(markdown);

const groupKey = (c: Context): string => (c.bold ? `${c.h3} › ${c.bold}` : c.h3);

function groupBy<T extends Context>(xs: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) out.set(groupKey(x), [...(out.get(groupKey(x)) ?? []), x]);
  return out;
}

/** "(15 minutes)" → [15, 15]; "(30-45 minutes)" → [30, 45]; "(1-2 Hours)" → [60, 120]. */
function parseDuration(heading: string): [number, number] | null {
  const m = /\((\d+)(?:-(\d+))?\s+(minutes?|hours?)\)/i.exec(heading);
  if (!m) return null;
  const mult = /^hour/i.test(m[3]) ? 60 : 1;
  const lo = Number(m[1]) * mult;
  return [lo, m[2] ? Number(m[2]) * mult : lo];
}

// ---------------------------------------------------------------------------------------------
// Template helpers
// ---------------------------------------------------------------------------------------------

const phases = defaultTemplate.phases;
const playbook = defaultTemplate.playbook;

function phase(key: TPhaseKey) {
  const p = phases.find((x) => x.key === key);
  if (!p) throw new Error(`phase ${key} missing`);
  return p;
}
function section(key: TPhaseKey, title: string) {
  const s = phase(key).sections.find((x) => x.title === title);
  if (!s) throw new Error(`section ${key} / ${title} missing`);
  return s;
}
const allSections = phases.flatMap((p) => p.sections);
const allItems = allSections.flatMap((s) => s.items);

function walk(node: TDecisionNode): TDecisionNode[] {
  return [node, ...(node.children ?? []).flatMap(walk)];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const FIELD = String.raw`\{\{[a-z][A-Za-z0-9]*\}\}`;
/** What a "[PLACEHOLDER]" may become: text on the same line with at least one {{field}}. */
const PLACEHOLDER = String.raw`(?:[^\n{}\[\]]*${FIELD})+[^\n{}\[\]]*?`;
const fieldsOf = (body: string) => [...body.matchAll(/\{\{([^}]+)\}\}/g)].map((m) => m[1]);

// ---------------------------------------------------------------------------------------------
// Mapping from the runbook's structure to the template
// ---------------------------------------------------------------------------------------------

/** Every checkbox group of the runbook, by "### heading" or "### heading › **bold heading**". */
const CHECKBOX_GROUPS: Record<string, { phase: TPhaseKey; section: string } | "goNoGo"> = {
  "System Verification": { phase: "pre_deployment", section: "System Verification" },
  "Team Preparation": { phase: "pre_deployment", section: "Team Preparation" },
  "Final Code Check": { phase: "pre_deployment", section: "Final Code Check" },
  Communication: { phase: "pre_deployment", section: "Communication" },
  "Phase 1: Staging Deployment › Checkpoints": { phase: "staging", section: "Deploy to Staging" },
  "Phase 2: Smoke Testing › Manual Verification Checklist": {
    phase: "smoke_testing",
    section: "Manual Verification Checklist",
  },
  "Phase 3: Production Deployment › Deployment Checkpoints": {
    phase: "production",
    section: "Deployment Checkpoints",
  },
  "Phase 4: Production Validation › Manual Validation": { phase: "validation", section: "Manual Validation" },
  "Immediate Monitoring › Every 5 Minutes": { phase: "post_deployment", section: "Every 5 Minutes" },
  "Immediate Monitoring › Every 15 Minutes": { phase: "post_deployment", section: "Every 15 Minutes" },
  "Morning Of Deployment": { phase: "pre_deployment", section: "Morning Of Deployment" },
  "30 Minutes Before": { phase: "pre_deployment", section: "30 Minutes Before" },
  "Go/No-Go Decision": "goNoGo",
};

/** "### X (N minutes)" section headings → the sections that carry that budget. */
const SECTION_BUDGET_HEADINGS: Record<string, Array<[TPhaseKey, string]>> = {
  "System Verification": [["pre_deployment", "System Verification"]],
  "Team Preparation": [["pre_deployment", "Team Preparation"]],
  "Final Code Check": [["pre_deployment", "Final Code Check"]],
  Communication: [["pre_deployment", "Communication"]],
  "Immediate Monitoring": [
    ["post_deployment", "Every 5 Minutes"],
    ["post_deployment", "Every 15 Minutes"],
  ],
  Documentation: [["post_deployment", "Documentation"]],
  "Team Communication": [["post_deployment", "Team Communication"]],
  "Extended Monitoring": [["post_deployment", "Extended Monitoring"]],
};

const PHASE_HEADINGS: Record<string, TPhaseKey> = {
  "Phase 1: Staging Deployment": "staging",
  "Phase 2: Smoke Testing": "smoke_testing",
  "Phase 3: Production Deployment": "production",
  "Phase 4: Production Validation": "validation",
};

const TREE_HEADINGS: Record<string, { key: string; signal: string }> = {
  "Issue: Build Fails": { key: "build_fails", signal: "build_item_failed" },
  "Issue: Staging Tests Fail": { key: "staging_tests_fail", signal: "staging_item_failed" },
  "Issue: Canary Metrics Red": { key: "canary_red", signal: "canary_rollback_rule" },
  "Issue: Progressive Rollout Errors": { key: "rollout_errors", signal: "rollout_rollback_rule" },
};

const COMM_HEADINGS: Record<string, "pre_deployment" | "in_progress" | "complete" | "rollback"> = {
  "Pre-Deployment": "pre_deployment",
  "Deployment In Progress": "in_progress",
  "Deployment Complete": "complete",
  "Rollback": "rollback",
};

// ---------------------------------------------------------------------------------------------

describe("default template", () => {
  it("validates against ZTemplateDefinition", () => {
    const parsed = ZTemplateDefinition.parse(defaultTemplate);
    expect(parsed.key).toBe("seed-deployment-day");
    expect(parsed.name).toBe("Deployment Day");
    expect([parsed.expectedDurationMinMinutes, parsed.expectedDurationMaxMinutes]).toEqual([360, 480]);
  });

  it("has the six phases in order with their budgets", () => {
    expect(phases.map((p) => [p.key, p.title, p.budgetMinMinutes, p.budgetMaxMinutes])).toEqual([
      ["pre_deployment", "Pre-Deployment", 60, 60],
      ["staging", "Staging Deployment", 30, 45],
      ["smoke_testing", "Smoke Testing", 45, 45],
      ["production", "Production Deployment", 30, 30],
      ["validation", "Production Validation", 30, 30],
      ["post_deployment", "Post-Deployment", 60, 120],
    ]);
    // Budgets and titles from the runbook headings.
    for (const raw of doc.rawH3) {
      const key = PHASE_HEADINGS[normalizeHeading(raw)];
      if (!key) continue;
      const p = phase(key);
      expect(normalizeHeading(raw)).toContain(p.title);
      expect([p.budgetMinMinutes, p.budgetMaxMinutes]).toEqual(parseDuration(raw));
    }
    expect(Object.keys(PHASE_HEADINGS).every((h) => doc.rawH3.some((r) => normalizeHeading(r) === h))).toBe(true);
    const post = doc.rawH2.find((h) => normalizeHeading(h) === "Post-Deployment");
    expect(post && parseDuration(post)).toEqual([60, 120]);
    expect(doc.rawH2.some((h) => /Pre-Deployment \(1 Hour Before/i.test(h))).toBe(true);
  });

  it("has the sections in order", () => {
    expect(phases.map((p) => [p.key, p.sections.map((s) => [s.title, s.items.length])])).toEqual([
      [
        "pre_deployment",
        [
          ["Morning Of Deployment", 6],
          ["System Verification", 7],
          ["Team Preparation", 5],
          ["Final Code Check", 3],
          ["Communication", 4],
          ["30 Minutes Before", 6],
        ],
      ],
      ["staging", [["Deploy to Staging", 5]]],
      [
        "smoke_testing",
        [
          ["Run Core Smoke Tests", 1],
          ["Manual Verification Checklist", 8],
        ],
      ],
      ["production", [["Deployment Checkpoints", 6]]],
      [
        "validation",
        [
          ["Automated Checks", 1],
          ["Manual Validation", 8],
        ],
      ],
      [
        "post_deployment",
        [
          ["Every 5 Minutes", 4],
          ["Every 15 Minutes", 3],
          ["Documentation", 2],
          ["Team Communication", 1],
          ["Extended Monitoring", 4],
        ],
      ],
    ]);
  });

  it("maps every checkbox group of the runbook, and nothing else", () => {
    const groups = groupBy(doc.checkboxes);
    expect([...groups.keys()].sort()).toEqual(Object.keys(CHECKBOX_GROUPS).sort());
    expect(doc.checkboxes.length).toBe(70);
  });

  it.each(Object.entries(CHECKBOX_GROUPS).filter(([, v]) => v !== "goNoGo"))(
    "section for %s has exactly the runbook's checkboxes, in order, with depth",
    (heading, target) => {
      if (target === "goNoGo") return;
      const boxes = groupBy(doc.checkboxes).get(heading) ?? [];
      expect(boxes.length).toBeGreaterThan(0);
      const s = section(target.phase, target.section);
      expect(s.items.length).toBe(boxes.length);
      expect(s.items.map((i) => [i.depth ?? 0, i.text])).toEqual(
        boxes.map((b) => [b.indent > 0 ? 1 : 0, b.text]),
      );
      // A depth-1 item always follows a depth-0 (or another depth-1) item.
      expect(s.items[0]?.depth ?? 0).toBe(0);
    },
  );

  it("finds every checkbox text as an item or a go/no-go question", () => {
    const texts = new Set([...allItems.map((i) => i.text), ...playbook.goNoGoQuestions]);
    const missing = doc.checkboxes.map((c) => c.text).filter((t) => !texts.has(t));
    expect(missing).toEqual([]);
  });

  it("marks only the personal morning items and extended monitoring as optional", () => {
    const optional = allItems.filter((i) => i.required === false).map((i) => i.text);
    expect(optional).toEqual([
      "Get good sleep night before",
      "Have coffee/caffeine ready",
      "Clear calendar for next 8 hours",
      "Have phone and notifications on",
      "Monitor error trends",
      "Watch for performance degradation",
      "Alert on any anomalies",
      "Keep team informed",
    ]);
    expect(allItems.every((i) => i.required === false || i.required === true)).toBe(true);
  });

  it("uses the budgets of the section headings", () => {
    for (const raw of doc.rawH3) {
      const targets = SECTION_BUDGET_HEADINGS[normalizeHeading(raw)];
      if (!targets) continue;
      const d = parseDuration(raw);
      expect(d, raw).not.toBeNull();
      for (const [p, title] of targets) {
        // A range ("2-4 hours") cannot be one budget.
        expect(section(p, title).budgetMinutes, raw).toBe(d![0] === d![1] ? d![0] : undefined);
      }
    }
    const budgeted = doc.rawH3.filter((r) => SECTION_BUDGET_HEADINGS[normalizeHeading(r)]);
    expect(budgeted.length).toBe(Object.keys(SECTION_BUDGET_HEADINGS).length);
    // The four 15-minute pre-deployment sections fill the hour.
    expect(
      phase("pre_deployment").sections.reduce((sum, s) => sum + (s.budgetMinutes ?? 0), 0),
    ).toBe(60);
  });

  it("sets recurring intervals from the 'Every N Minutes' headings", () => {
    const recurring = [...groupBy(doc.checkboxes).keys()]
      .map((k) => /› Every (\d+) Minutes$/.exec(k))
      .filter((m): m is RegExpExecArray => m !== null);
    expect(recurring.length).toBe(2);
    for (const m of recurring) {
      expect(section("post_deployment", `Every ${m[1]} Minutes`).intervalMinutes).toBe(Number(m[1]));
    }
    expect(allSections.filter((s) => s.intervalMinutes !== undefined).length).toBe(2);
  });

  it("keeps every bash block verbatim as a command, and invents none", () => {
    const bash = doc.fences.filter((f) => f.lang === "bash").map((f) => f.body);
    expect(bash.length).toBe(10);
    const commands = [
      ...allSections.map((s) => s.command),
      ...allItems.map((i) => i.command),
    ].filter((c): c is string => c !== undefined);
    expect([...commands].sort()).toEqual([...bash].sort());
  });

  it("puts item commands on the right items and section commands on the right sections", () => {
    const bashByContext = doc.fences.filter((f) => f.lang === "bash");
    const under = (h3: string, bold = "") => bashByContext.filter((f) => f.h3 === h3 && f.bold === bold);
    // Item-level blocks follow their checkbox in the source.
    const lines = markdown.split("\n");
    for (const item of allItems.filter((i) => i.command && i.text !== "Capture baseline metrics")) {
      const at = lines.findIndex((l) => l === `- [ ] ${item.text}`);
      expect(at, item.text).toBeGreaterThanOrEqual(0);
      expect(lines[at + 1]).toMatch(/^\s+```bash$/);
      expect(lines.slice(at + 2).join("\n").startsWith(item.command!.split("\n").map((l) => (l ? `  ${l}` : l)).join("\n"))).toBe(true);
    }
    expect(section("staging", "Deploy to Staging").command).toBe(under("Phase 1: Staging Deployment", "Deploy to Staging")[0]?.body);
    expect(section("smoke_testing", "Run Core Smoke Tests").command).toBe(
      under("Phase 2: Smoke Testing", "Run Core Smoke Tests")[0]?.body,
    );
    expect(section("production", "Deployment Checkpoints").command).toBe(
      under("Phase 3: Production Deployment", "If GO")[0]?.body,
    );
    expect(section("validation", "Automated Checks").command).toBe(
      under("Phase 4: Production Validation", "Automated Checks")[0]?.body,
    );
    const capture = section("post_deployment", "Documentation").items.find((i) => i.text === "Capture baseline metrics");
    expect(capture?.command).toBe(under("Documentation", "Capture Baseline Metrics")[0]?.body);
  });

  it("turns 'Should be / Should show' lines into expected output", () => {
    const withShould = allItems.filter((i) => i.command && /# Should (be|show): /.test(i.command));
    expect(withShould.map((i) => i.text)).toEqual([
      "Latest git commit verified",
      "Build artifacts ready",
      "No uncommitted changes",
    ]);
    for (const item of withShould) {
      const said = /# Should (?:be|show): (.+)$/m.exec(item.command!)![1].replace(/^"(.*)"$/, "$1");
      expect(item.expectedOutput).toBe(said);
    }
    expect(section("pre_deployment", "Final Code Check").items[0].expectedOutput).toBe("6eb59fa Final session summary...");
    const automated = section("validation", "Automated Checks");
    const shoulds = [...automated.command!.matchAll(/# Should (?:be|show): (.+)$/gm)].map((m) => m[1]);
    expect(shoulds).toEqual(["< 0.1%", "< 500ms", "positive count"]);
    expect(automated.expectedOutput).toBe("error_rate < 0.1%; avg_response_time_ms < 500ms; positive file count");
    expect(automated.items.map((i) => [i.text, i.required])).toEqual([["Automated production checks pass", true]]);
    expect(section("smoke_testing", "Run Core Smoke Tests").items.map((i) => [i.text, i.required])).toEqual([
      ["Core smoke tests pass", true],
    ]);
  });

  it("keeps the ✅ success criteria lines", () => {
    const checks = groupBy(doc.bullets.filter((b) => b.check));
    expect([...checks.keys()]).toEqual([
      "Phase 2: Smoke Testing › Success Criteria",
      "Phase 4: Production Validation › Success Metrics",
      "Success Indicators",
    ]);
    const texts = (k: string) => checks.get(k)!.map((b) => b.text);
    expect(phase("smoke_testing").successCriteria).toEqual(texts("Phase 2: Smoke Testing › Success Criteria"));
    expect(phase("validation").successCriteria).toEqual(texts("Phase 4: Production Validation › Success Metrics"));
    expect(playbook.successCriteria).toEqual(texts("Success Indicators"));
    expect(playbook.successCriteria).toHaveLength(6);
  });

  it("maps the plain bullets: escalation thresholds and extended monitoring", () => {
    const plain = groupBy(doc.bullets.filter((b) => !b.check));
    expect([...plain.keys()]).toEqual([
      "Immediate Monitoring › Escalation Threshold",
      "Extended Monitoring › Continuous Dashboard Watch",
    ]);
    expect(playbook.escalationThresholds.map((t) => t.label)).toEqual(
      plain.get("Immediate Monitoring › Escalation Threshold")!.map((b) => b.text),
    );
    const extended = section("post_deployment", "Extended Monitoring").items;
    expect(extended.map((i) => [i.text, i.required])).toEqual(
      plain.get("Extended Monitoring › Continuous Dashboard Watch")!.map((b) => [b.text, false]),
    );
  });

  it("has the escalation thresholds, rollback triggers and success metrics", () => {
    const t = (xs: typeof playbook.escalationThresholds) =>
      xs.map((x) => [x.metric, x.comparator, x.value, x.unit ?? "", x.window]);
    expect(t(playbook.escalationThresholds)).toEqual([
      ["error_rate", ">", 1, "%", { kind: "immediate" }],
      ["response_time_avg", ">", 1000, "ms", { kind: "immediate" }],
      ["db_query_time", ">", 2000, "ms", { kind: "immediate" }],
      ["memory", ">", 80, "%", { kind: "immediate" }],
    ]);
    expect(t(playbook.rollbackTriggers)).toEqual([
      ["error_rate", ">", 5, "%", { kind: "sustained", minutes: 5 }],
      ["db_connection_failures", ">", 10, "", { kind: "sum", minutes: 5 }],
      ["response_time_p95", ">", 5000, "ms", { kind: "immediate" }],
    ]);
    expect(t(playbook.successMetrics)).toEqual([
      ["error_rate", "<", 0.1, "%", { kind: "immediate" }],
      ["response_time_avg", "<", 500, "ms", { kind: "immediate" }],
    ]);
    expect(playbook.successMetrics.map((m) => m.label)).toEqual(
      (phase("validation").successCriteria ?? []).slice(0, 2),
    );

    // The "Trigger for Rollback" block: numbered triggers, then the rollback command.
    const block = doc.fences.find((f) => f.bold === "Trigger for Rollback");
    expect(block).toBeDefined();
    const numbered = [...block!.body.matchAll(/^\d+\. (.+)$/gm)].map((m) => m[1]);
    expect(numbered).toHaveLength(6);
    expect([...playbook.rollbackTriggers.map((x) => x.label), ...playbook.manualRollbackTriggers.map((x) => x.label)]).toEqual(
      numbered,
    );
    expect(playbook.manualRollbackTriggers.map((x) => x.label)).toEqual([
      "Data corruption detected",
      "Critical security issue found",
      "More than 50% of features broken",
    ]);
    const cmd = /Rollback Command:\n(.+)$/m.exec(block!.body)![1];
    expect(playbook.rollbackCommand).toBe(cmd);
    expect(playbook.rollbackCommand).toBe("./scripts/rollback.sh production --to-previous-version");
  });

  it("has the three rollout steps matching the deployment checkpoints", () => {
    expect(playbook.rolloutSteps).toEqual([
      { percent: 10, label: "Canary", greenMinutes: 5, checkpoint: "Canary metrics green (5 minutes)" },
      { percent: 50, label: "Progressive 50%", greenMinutes: 2, checkpoint: "50% metrics green (2 minutes)" },
      { percent: 100, label: "Full rollout", greenMinutes: 5, checkpoint: "Full metrics green (5 minutes)" },
    ]);
    const checkpoints = section("production", "Deployment Checkpoints").items.map((i) => i.text);
    for (const step of playbook.rolloutSteps) {
      expect(checkpoints).toContain(step.checkpoint);
      expect(step.checkpoint).toContain(`(${step.greenMinutes} minutes)`);
    }
    expect(section("production", "Deployment Checkpoints").command).toContain(
      "./scripts/deploy.sh production --canary 10%",
    );
  });

  it("has the go/no-go questions of both go/no-go lists, deduplicated, in order", () => {
    const phase3 = doc.fences.find((f) => f.h3 === "Phase 3: Production Deployment" && f.bold === "Final Go/No-Go Decision");
    expect(phase3).toBeDefined();
    const fromPhase3 = phase3!.body.split("\n").map((l) => l.replace(/\s*\(yes\/no\)\s*$/, "").trim());
    const fromFinal = groupBy(doc.checkboxes).get("Go/No-Go Decision")!.map((c) => c.text);
    expect(fromFinal).toHaveLength(5);
    const union = [...new Set([...fromPhase3, ...fromFinal])];
    expect(playbook.goNoGoQuestions).toEqual(union);
    expect(playbook.goNoGoQuestions).toEqual([
      "Ready for production?",
      "All smoke tests passed?",
      "Team consensus obtained?",
      "Rollback plan ready?",
      "Systems stable?",
      "Rollback plan tested?",
      "Monitoring ready?",
    ]);
  });

  it("has the four decision trees, faithful to the runbook", () => {
    const treeFences = doc.fences.filter((f) => f.h3.startsWith("Issue: "));
    expect(treeFences.map((f) => f.h3)).toEqual(Object.keys(TREE_HEADINGS));
    expect(playbook.decisionTrees.map((t) => [t.key, t.signal])).toEqual(
      Object.values(TREE_HEADINGS).map((t) => [t.key, t.signal]),
    );
    for (const f of treeFences) {
      const tree = playbook.decisionTrees.find((t) => t.key === TREE_HEADINGS[f.h3].key)!;
      expect(f.h3).toContain(tree.title);
      const nodes = walk(tree.root as TDecisionNode);
      const ids = nodes.map((n) => n.id);
      expect(new Set(ids).size, `${tree.key}: ids unique`).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const n of nodes) {
        // Leaves carry an action; question nodes carry children.
        expect(Boolean(n.action) !== Boolean(n.children?.length), `${tree.key}/${n.id}`).toBe(true);
      }

      const steps: string[] = [];
      const leaves: string[] = [];
      const questions: Array<{ label: string; leaf?: string }> = [];
      let stop = "";
      for (const line of f.body.split("\n").slice(1)) {
        const m = /^([\s│]*)[├└]─ (.+)$/.exec(line);
        expect(m, line).not.toBeNull();
        const level = m![1].length;
        const text = m![2].trim();
        if (level === 0) {
          let r: RegExpExecArray | null;
          if ((r = /^STOP: (.+)$/.exec(text))) stop = r[1];
          else if ((r = /^Resolve: (.+)$/.exec(text))) leaves.push(r[1]);
          else if (/^(Options|Decision point|Decision):$/.test(text)) continue;
          else steps.push(text);
        } else {
          const q = /^If (.+):$/.exec(text);
          if (q) questions.push({ label: q[1] });
          else if (questions.length && level > 3) {
            questions[questions.length - 1].leaf = text;
            leaves.push(text);
          } else leaves.push(text);
        }
      }
      expect(tree.steps).toEqual(steps);
      // "STOP: Do not proceed to …" (build and staging trees) must survive in some label.
      expect(stop !== "", tree.key).toBe(tree.key === "build_fails" || tree.key === "staging_tests_fail");
      if (stop) {
        expect(nodes.some((n) => n.label.toLowerCase().includes(stop.toLowerCase())), `${tree.key}: ${stop}`).toBe(true);
      }
      const actionLabels = nodes.filter((n) => n.action).map((n) => n.label);
      for (const leaf of leaves) expect(actionLabels, tree.key).toContain(leaf);
      const allowed = stop ? [...leaves, `STOP: ${stop}`] : leaves;
      for (const label of actionLabels) expect(allowed, tree.key).toContain(label);
      for (const q of questions) {
        const node = nodes.find((n) => n.label.toLowerCase() === q.label.toLowerCase());
        expect(node, `${tree.key}: ${q.label}`).toBeDefined();
        expect(node!.children?.map((c) => c.label)).toEqual([q.leaf]);
        expect((tree.root as TDecisionNode).children).toContain(node);
      }
    }
    const actions = (key: string) =>
      walk(playbook.decisionTrees.find((t) => t.key === key)!.root as TDecisionNode)
        .filter((n) => n.action)
        .map((n) => [n.label, n.action]);
    expect(actions("build_fails")).toEqual([
      ["STOP: Do not proceed to staging", "stop"],
      ["Fix code, re-test, reschedule", "reschedule"],
    ]);
    expect(actions("staging_tests_fail")).toEqual([
      ["Fix issue and re-test", "fix_and_retest"],
      ["Skip test if false positive (document)", "document"],
      ["Rollback to previous version", "rollback"],
    ]);
    expect((playbook.decisionTrees.find((t) => t.key === "canary_red")!.root as TDecisionNode).label).toBe("Where are the errors?");
    expect(actions("canary_red")).toEqual([
      ["Stop canary, investigate, reschedule", "reschedule"],
      ["ROLLBACK immediately", "rollback"],
      ["Check backups, may need restore", "restore"],
    ]);
    expect(actions("rollout_errors")).toEqual([
      ["Rollback, fix, re-deploy", "rollback"],
      ["Address infra, resume rollout", "resume"],
      ["Investigate, may need data restore", "restore"],
    ]);
  });

  it("has the four communication templates, verbatim but with {{field}} placeholders", () => {
    const sectionH2 = "Communication Templates";
    const commFences = doc.fences.filter((f) => f.h2 === sectionH2);
    expect(commFences.map((f) => COMM_HEADINGS[f.h3])).toEqual(["pre_deployment", "in_progress", "complete", "rollback"]);
    expect(playbook.communicationTemplates.map((t) => t.key)).toEqual(["pre_deployment", "in_progress", "complete", "rollback"]);
    let placeholders = 0;
    for (const f of commFences) {
      const tpl = playbook.communicationTemplates.find((t) => t.key === COMM_HEADINGS[f.h3])!;
      const parts = f.body.split(/(\[[^\]\n]+\])/);
      placeholders += (parts.length - 1) / 2;
      const pattern = new RegExp(`^${parts.map((p, i) => (i % 2 ? PLACEHOLDER : escapeRe(p))).join("")}$`, "u");
      expect(tpl.body, tpl.key).toMatch(pattern);
      expect(tpl.body, tpl.key).not.toMatch(/\[[^\]\n]+\]/);
      // One field per placeholder at least.
      expect(fieldsOf(tpl.body).length).toBeGreaterThanOrEqual((parts.length - 1) / 2);
      for (const field of fieldsOf(tpl.body)) expect(field).toMatch(/^[a-z][A-Za-z0-9]*$/);
    }
    expect(placeholders).toBe(19);
    const body = (k: string) => playbook.communicationTemplates.find((t) => t.key === k)!.body;
    expect(body("in_progress")).toContain("✅ {{phase}} Complete");
    expect(body("in_progress")).toContain("{{stepsDone}} of {{stepsTotal}} steps complete");
    expect(body("in_progress")).toContain("{{minutesRemaining}} minutes remaining");
    expect(body("pre_deployment")).toContain("Go/No-Go decision at {{goNoGoTime}}");
    expect(playbook.communicationTemplates.find((t) => t.key === "pre_deployment")!.cadence).toBe("1 hour before");
    expect(playbook.communicationTemplates.find((t) => t.key === "in_progress")!.cadence).toBe("every 30 minutes");
    expect(doc.rawH3).toContain("Pre-Deployment (1 hour before)");
    expect(markdown).toContain("**Every 30 Minutes:**");
    // The longer "Post-Deployment Announcement" shares the success announcement's opening.
    const announcement = doc.fences.find((f) => f.bold === "Post-Deployment Announcement")!;
    expect(body("complete").split("\n")[0]).toBe(announcement.body.split("\n")[0]);
  });

  it("lists every communication field in the comment at the top of default-template.ts", () => {
    const listed = /All field names:([\s\S]*?)\nimport /.exec(templateSource);
    expect(listed).not.toBeNull();
    const names = [...listed![1].matchAll(/\b[a-z][A-Za-z0-9]*\b/g)].map((m) => m[0]);
    const used = [...new Set(playbook.communicationTemplates.flatMap((t) => fieldsOf(t.body)))];
    expect([...names].sort()).toEqual([...used].sort());
  });

  it("keeps the deployment record block verbatim", () => {
    const record = doc.fences.find((f) => f.bold === "Record Deployment Details");
    expect(playbook.recordTemplate).toBe(record?.body);
    expect(section("post_deployment", "Documentation").items.map((i) => i.text)).toEqual([
      "Record deployment details",
      "Capture baseline metrics",
    ]);
    expect(section("post_deployment", "Team Communication").items.map((i) => i.text)).toEqual([
      "Post deployment announcement",
    ]);
  });

  it("contains the key strings of the runbook", () => {
    const json = JSON.stringify(defaultTemplate);
    for (const s of [
      "pg_dump",
      "./scripts/deploy.sh production --canary 10%",
      "6eb59fa Final session summary...",
      "Finished release...",
      "On branch main / nothing to commit",
      "./scripts/verify-deployment.sh staging",
      "./tests/smoke/perf_baseline.sh staging",
      "./tests/smoke/production_test.sh",
      "./scripts/capture-metrics.sh production",
      "--max-error-rate 1%",
      "./scripts/rollback.sh production --to-previous-version",
    ]) {
      expect(json, s).toContain(JSON.stringify(s).slice(1, -1));
    }
  });
});
