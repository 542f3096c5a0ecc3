// What differs between two templates in what a runbook states: phases and budgets, sections, items
// (text, depth, command, expected output), the go/no-go questions, thresholds, rollback triggers,
// decision trees (steps and their ends) and communication templates. One line per difference. Pure.
import { ZTemplateDefinition, type TDecisionNode, type TTemplateDefinition } from "../template-definition";

const walkEnds = (n: TDecisionNode): string[] => (n.children?.length ? n.children.flatMap(walkEnds) : [`${n.label} → ${n.action ?? "-"}`]);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function runbookDifferences(left: TTemplateDefinition, right: TTemplateDefinition): string[] {
  const a = ZTemplateDefinition.parse(left);
  const b = ZTemplateDefinition.parse(right);
  const out: string[] = [];
  const diff = (what: string, x: unknown, y: unknown) => {
    if (!same(x, y)) out.push(`${what}: ${JSON.stringify(x)} ≠ ${JSON.stringify(y)}`);
  };
  diff("phases", a.phases.map((p) => [p.key, p.title, p.budgetMinMinutes, p.budgetMaxMinutes]), b.phases.map((p) => [p.key, p.title, p.budgetMinMinutes, p.budgetMaxMinutes]));
  for (const pa of a.phases) {
    const pb = b.phases.find((p) => p.key === pa.key);
    if (!pb) continue;
    diff(`${pa.key} success criteria`, pa.successCriteria, pb.successCriteria);
    // By title: where a checklist outside the phases lands is the runbook's layout, not its content.
    const titles = (p: typeof pa) => p.sections.map((s) => s.title).sort();
    diff(`${pa.key} sections`, titles(pa), titles(pb));
    for (const sa of pa.sections) {
      const sb = pb.sections.find((s) => s.title === sa.title);
      if (!sb) continue;
      const where = `${pa.key} › ${sa.title}`;
      diff(`${where} budget`, [sa.budgetMinutes, sa.intervalMinutes], [sb.budgetMinutes, sb.intervalMinutes]);
      diff(`${where} command`, [sa.command, sa.expectedOutput], [sb.command, sb.expectedOutput]);
      const items = (s: typeof sa) => s.items.map((i) => [i.depth, i.text, i.command, i.expectedOutput]);
      diff(`${where} items`, items(sa), items(sb));
    }
  }
  const pa = a.playbook;
  const pb = b.playbook;
  diff("go/no-go questions", pa.goNoGoQuestions, pb.goNoGoQuestions);
  diff("success criteria", pa.successCriteria, pb.successCriteria);
  diff("escalation thresholds", pa.escalationThresholds, pb.escalationThresholds);
  diff("success metrics", pa.successMetrics, pb.successMetrics);
  diff("rollback triggers", pa.rollbackTriggers, pb.rollbackTriggers);
  diff("manual rollback triggers", pa.manualRollbackTriggers, pb.manualRollbackTriggers);
  diff("rollback command", pa.rollbackCommand, pb.rollbackCommand);
  diff("rollout steps", pa.rolloutSteps, pb.rolloutSteps);
  diff("record", pa.recordTemplate, pb.recordTemplate);
  const trees = (p: typeof pa) => p.decisionTrees.map((t) => [t.title, t.signal, t.steps, walkEnds(t.root)]);
  diff("decision trees", trees(pa), trees(pb));
  const comms = (p: typeof pa) => p.communicationTemplates.map((c) => [c.key, c.body]);
  diff("communication templates", comms(pa), comms(pb));
  return out;
}
