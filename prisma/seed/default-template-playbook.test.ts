// Checks default-template.ts against the runbook it was written from: the playbook (thresholds,
// rollout steps, go/no-go questions, decision trees, communications and the record). Dropping, renaming or reordering anything the runbook has makes these tests fail.
import { describe, expect, it } from "vitest";
import type { TDecisionNode } from "../../lib/domain/template-definition";
import { defaultTemplate } from "./default-template";
import {
  markdown,
  templateSource,
  doc,
  groupBy,
  playbook,
  phase,
  section,
  walk,
  escapeRe,
  PLACEHOLDER,
  fieldsOf,
  COMM_HEADINGS,
  TREE_HEADINGS,
} from "./runbook-fixture";

describe("default template: the playbook", () => {
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
      // The runbook's static "Metrics: All green ✅" is the one claim a template must not make
      // without data (issue 15): it is a computed field, {{metricsLine}}, like a placeholder.
      const runbook = f.body.replace("Metrics: All green ✅", "Metrics: [METRICS]");
      const parts = runbook.split(/(\[[^\]\n]+\])/);
      placeholders += (parts.length - 1) / 2;
      const pattern = new RegExp(`^${parts.map((p, i) => (i % 2 ? PLACEHOLDER : escapeRe(p))).join("")}$`, "u");
      expect(tpl.body, tpl.key).toMatch(pattern);
      expect(tpl.body, tpl.key).not.toMatch(/\[[^\]\n]+\]/);
      // One field per placeholder at least.
      expect(fieldsOf(tpl.body).length).toBeGreaterThanOrEqual((parts.length - 1) / 2);
      for (const field of fieldsOf(tpl.body)) expect(field).toMatch(/^[a-z][A-Za-z0-9]*$/);
    }
    expect(placeholders).toBe(20);
    const body = (k: string) => playbook.communicationTemplates.find((t) => t.key === k)!.body;
    expect(body("in_progress")).toContain("✅ {{phase}} Complete");
    expect(body("in_progress")).toContain("Metrics: {{metricsLine}}");
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
      "Post-deployment announcement",
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
