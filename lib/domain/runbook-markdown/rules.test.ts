// The runbook's words → template data: thresholds, phase names, checkpoints and drawn decision trees.
import { describe, expect, it } from "vitest";
import { lexRunbook, parseDuration } from "./lex";
import { actionOf, checkpointOf, goNoGoQuestion, parseThreshold, parseTreeDrawing, phaseKeyOf } from "./rules";

describe("thresholds from a runbook line", () => {
  it.each([
    ["Error rate > 5% sustained (5 minutes)", { metric: "error_rate", comparator: ">", value: 5, unit: "%", window: { kind: "sustained", minutes: 5 } }],
    ["Database connection failures > 10 in 5 minutes", { metric: "db_connection_failures", value: 10, unit: "", window: { kind: "sum", minutes: 5 } }],
    ["API response time > 5 seconds (p95)", { metric: "response_time_p95", value: 5000, unit: "ms", window: { kind: "immediate" } }],
    ["Response time < 500ms", { metric: "response_time_avg", comparator: "<", value: 500, unit: "ms" }],
    ["Queue depth >= 1000", { metric: "queue_depth", comparator: ">=", value: 1000, unit: "" }],
    ["Disk used ≤ 90%", { metric: "disk_used", comparator: "<=", value: 90, unit: "%" }],
  ])("%s", (text, expected) => {
    expect(parseThreshold(text)).toMatchObject({ label: text, ...expected });
  });

  it("is null for a line without a comparison, or without a subject", () => {
    expect(parseThreshold("Data corruption detected")).toBeNull();
    expect(parseThreshold("> 5%")).toBeNull();
  });
});

describe("headings and lines", () => {
  it("names phases by their words, validation before production", () => {
    expect(["Pre-Deployment", "Staging Deployment", "Smoke Testing", "Production Deployment", "Production Validation", "Post-Deployment", "Coffee"].map(phaseKeyOf)).toEqual([
      "pre_deployment",
      "staging",
      "smoke_testing",
      "production",
      "validation",
      "post_deployment",
      null,
    ]);
  });

  it("reads budgets in minutes or hours, with words after the unit", () => {
    expect(parseDuration("System Verification (15 minutes)")).toEqual([15, 15]);
    expect(parseDuration("Post-Deployment (1-2 Hours)")).toEqual([60, 120]);
    expect(parseDuration("Pre-Deployment (1 Hour Before Go-Live)")).toEqual([60, 60]);
    expect(parseDuration("Communication")).toBeNull();
  });

  it("reads checkpoints and go/no-go questions", () => {
    expect(checkpointOf("50% metrics green (2 minutes)")).toEqual({ prefix: "50%", greenMinutes: 2 });
    expect(checkpointOf("Canary (10%) deployed successfully")).toBeNull();
    expect(goNoGoQuestion("Ready for production? (yes/no)")).toBe("Ready for production?");
  });

  it("keeps a fenced block's line number and an export's comment", () => {
    const blocks = lexRunbook("# T\n\n- [ ] Item <!-- warroom {\"required\":false} -->\n  ```bash\n  ls\n  ```\n");
    expect(blocks.map((b) => [b.kind, b.line])).toEqual([["heading", 1], ["checkbox", 3], ["fence", 4]]);
    expect(blocks[1]).toMatchObject({ text: "Item", meta: { required: false } });
    expect(blocks[2]).toMatchObject({ body: "ls", indent: 2 });
  });
});

describe("decision trees from their drawing", () => {
  it("takes the steps first, then the options with their actions", () => {
    const tree = parseTreeDrawing(["❌ Rollout hitting error threshold", "├─ Pause deployment", "├─ Decision:", "   ├─ If fixable (code issue):", "   │  └─ Rollback, fix, re-deploy", "   └─ If environmental:", "      └─ Address infra, resume rollout"].join("\n"));
    expect(tree.steps).toEqual(["Pause deployment"]);
    expect(tree.root.children?.map((c) => [c.label, c.children?.[0].label, c.children?.[0].action])).toEqual([
      ["Fixable (code issue)", "Rollback, fix, re-deploy", "rollback"],
      ["Environmental", "Address infra, resume rollout", "resume"],
    ]);
  });

  it("chooses the strongest action a final step names", () => {
    expect(["Fix code, re-test, reschedule", "Fix issue and re-test", "STOP: Do not proceed", "Check backups, may need restore", "Look around"].map(actionOf)).toEqual([
      "reschedule",
      "fix_and_retest",
      "stop",
      "restore",
      undefined,
    ]);
  });
});
