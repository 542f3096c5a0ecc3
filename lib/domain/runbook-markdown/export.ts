// A template → Markdown in the seed's shape, which importRunbook reads back into the same template.
// What the Markdown has no words for (a threshold's metric key, a tree's ids, an optional item) rides
// in `<!-- warroom {…} -->` comments, which Markdown viewers hide. Pure.
import type { TParsedTemplateDefinition, TPlaybook } from "../template-definition";

type TSection = TParsedTemplateDefinition["phases"][number]["sections"][number];
type TItem = TSection["items"][number];

const meta = (value: Record<string, unknown>) => {
  const present = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return Object.keys(present).length ? ` <!-- warroom ${JSON.stringify(present)} -->` : "";
};
const minutes = (min: number, max = min) => (min === max ? `(${min} minutes)` : `(${min}-${max} minutes)`);
const fence = (body: string, lang = "", indent = "") => [`${indent}\`\`\`${lang}`, ...body.split("\n").map((l) => (l ? indent + l : l)), `${indent}\`\`\``];
const quote = (note: string) => note.split("\n").map((l) => (l ? `> ${l}` : ">"));

function item(i: TItem): string[] {
  const indent = i.depth === 1 ? "  " : "";
  const extra = meta({ required: i.required ? undefined : false, metricLink: i.metricLink });
  const lines = [`${indent}- [ ] ${i.text}${extra}`];
  if (i.command) lines.push(...fence(i.command, "bash", `${indent}  `));
  if (i.expectedOutput) lines.push(`${indent}  Should show: ${i.expectedOutput}`);
  return lines;
}

function section(s: TSection): string[] {
  const budget = s.budgetMinutes ? ` ${minutes(s.budgetMinutes)}` : "";
  const lines = [`### ${s.title}${budget}${meta({ intervalMinutes: s.intervalMinutes })}`];
  if (s.command) lines.push(...fence(s.command, "bash"));
  if (s.expectedOutput) lines.push(`Should show: ${s.expectedOutput}`);
  for (const i of s.items) lines.push(...item(i));
  for (const note of s.notes ?? []) lines.push("", ...quote(note));
  return [...lines, ""];
}

const bullets = (title: string, xs: readonly string[], check = true) =>
  xs.length ? [`**${title}:**`, ...xs.map((x) => `- ${check ? "✅ " : ""}${x}`), ""] : [];

function thresholdBullets(title: string, xs: TPlaybook["escalationThresholds"]) {
  return xs.length ? [`### ${title}`, ...xs.map(({ label, ...rest }) => `- ${label}${meta(rest)}`), ""] : [];
}

function playbook(p: TPlaybook): string[] {
  const rollback = [
    "ROLLBACK if any of:",
    ...[...p.rollbackTriggers.map((t) => t.label), ...p.manualRollbackTriggers.map((t) => t.label)].map((label, i) => `${i + 1}. ${label}`),
    ...(p.rollbackCommand ? ["", "Rollback Command:", p.rollbackCommand] : []),
  ];
  return [
    "## Playbook",
    "",
    "### Go/No-Go Decision",
    ...p.goNoGoQuestions.map((q) => `- [ ] ${q}`),
    "",
    ...(p.successCriteria.length ? ["### Success Indicators", ...p.successCriteria.map((c) => `- ✅ ${c}`), ""] : []),
    ...thresholdBullets("Escalation Thresholds", p.escalationThresholds),
    ...thresholdBullets("Success Metrics", p.successMetrics),
    "### Trigger for Rollback",
    ...fence(rollback.join("\n")),
    `<!-- warroom ${JSON.stringify({ rollbackTriggers: p.rollbackTriggers, manualRollbackTriggers: p.manualRollbackTriggers })} -->`,
    "",
    "### Rollout Steps",
    ...p.rolloutSteps.map(({ checkpoint, ...step }) => `- ${checkpoint}${meta(step)}`),
    "",
    "### Record Deployment Details",
    ...fence(p.recordTemplate),
    "",
  ];
}

function drawTree(node: TPlaybook["decisionTrees"][number]["root"], steps: readonly string[]): string[] {
  const lines = [`❌ ${node.label}`];
  const draw = (children: typeof node.children, prefix: string) =>
    (children ?? []).forEach((c, i, all) => {
      const last = i === all.length - 1;
      lines.push(`${prefix}${last ? "└─" : "├─"} ${c.label}${c.children?.length ? ":" : ""}`);
      draw(c.children, `${prefix}${last ? "   " : "│  "}`);
    });
  draw([...steps.map((s, i) => ({ id: `step-${i}`, label: s })), ...(node.children ?? [])], "");
  return lines;
}

export function exportRunbook(t: TParsedTemplateDefinition): string {
  const out: string[] = [`# ${t.name}`, ""];
  if (t.description) out.push(...t.description.split("\n"), "");
  out.push(`**Estimated Duration:** ${t.expectedDurationMinMinutes}-${t.expectedDurationMaxMinutes} minutes`, "", "---", "");
  for (const p of t.phases) {
    out.push(`## ${p.title} ${minutes(p.budgetMinMinutes, p.budgetMaxMinutes)}${meta({ phase: p.key })}`, "");
    for (const s of p.sections) out.push(...section(s));
    out.push(...bullets("Success Criteria", p.successCriteria), "---", "");
  }
  out.push(...playbook(t.playbook), "---", "", "## Decision Tree: Issues During Deployment", "");
  for (const tree of t.playbook.decisionTrees) {
    out.push(`### Issue: ${tree.title}`, ...fence(drawTree(tree.root, tree.steps).join("\n")));
    out.push(`<!-- warroom ${JSON.stringify({ key: tree.key, signal: tree.signal, steps: tree.steps, root: tree.root })} -->`, "");
  }
  out.push("---", "", "## Communication Templates", "");
  for (const c of t.playbook.communicationTemplates) {
    out.push(`### ${c.title} (${c.cadence})${meta({ key: c.key, title: c.title, cadence: c.cadence })}`, ...fence(c.body), "");
  }
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
