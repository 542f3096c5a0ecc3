// Checks default-template.ts against the runbook it was written from: the checklist (phases,
// sections, items, budgets, commands and expected output). Dropping, renaming or reordering anything
// the runbook has makes these tests fail.
import { describe, expect, it } from "vitest";
import { ZTemplateDefinition } from "../../lib/domain/template-definition";
import { defaultTemplate } from "./default-template";
import {
  markdown,
  normalizeHeading,
  doc,
  groupBy,
  parseDuration,
  phases,
  playbook,
  phase,
  section,
  allSections,
  allItems,
  CHECKBOX_GROUPS,
  SECTION_BUDGET_HEADINGS,
  PHASE_HEADINGS,
} from "./runbook-fixture";

describe("default template: the checklist", () => {
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
    expect(automated.expectedOutput).toBe("error_rate < 0.1%; avg_response_time_ms < 500ms; files: positive count");
    expect(automated.items.map((i) => [i.text, i.required])).toEqual([["Automated checks pass", true]]);
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

  it("ties each item that states a metric condition to a rule or checkpoint the playbook has", () => {
    const linked = allItems.filter((i) => i.metricLink).map((i) => [i.text, i.metricLink] as const);
    expect(linked).toEqual([
      ["Database queries fast", { kind: "rule", rule: "Database queries > 2 seconds → Investigate" }],
      ["Canary metrics green (5 minutes)", { kind: "checkpoint", percent: 10 }],
      ["50% metrics green (2 minutes)", { kind: "checkpoint", percent: 50 }],
      ["Full metrics green (5 minutes)", { kind: "checkpoint", percent: 100 }],
      ["Verify performance metrics", { kind: "rule", rule: "Response time < 500ms" }],
    ]);
    const labels = [...playbook.escalationThresholds, ...playbook.rollbackTriggers, ...playbook.successMetrics].map((t) => t.label);
    for (const [, link] of linked) {
      if (link?.kind === "rule") expect(labels).toContain(link.rule);
      if (link?.kind === "checkpoint") expect(playbook.rolloutSteps.map((s) => s.percent)).toContain(link.percent);
    }
  });
});
