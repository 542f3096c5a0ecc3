import { describe, expect, it } from "vitest";
import { computeBaseline } from "./baseline";
import { buildDeploymentRecord, fillRecordBlock, MISSING, type TRecordInput } from "./deployment-record";
import type { TPollRound } from "./go-no-go";
import { recordToMarkdown } from "./record-markdown";
import { SEED, seedPhases, withPhaseTimes } from "../../prisma/seed/fixtures/seed-run";

const T0 = "2025-11-03T12:00:00.000Z";
const iso = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

/** The labels of the runbook's "Record Deployment Details" block ("Deployment Date", …, "API Availability"). */
const SEED_LABELS = SEED.playbook.recordTemplate
  .split("\n")
  .map((line) => /^\s*(?:-\s+)?([^:]+):/.exec(line)?.[1].trim())
  .filter((label): label is string => !!label);
/** The same without the "Metrics Baseline:" heading. */
const SEED_VALUE_LABELS = SEED_LABELS.filter((label) => label !== "Metrics Baseline");

const round: TPollRound = {
  id: "p1",
  round: 1,
  questions: ["Ready for production?", "Rollback plan ready?"],
  positions: ["deployment_lead", "qa"],
  status: "closed",
  openedSeq: 40,
  openedByName: "Dee",
  openedAt: iso(140),
  closedByName: "Dee",
  closedAt: iso(145),
  outcome: "proceed",
  override: null,
  votes: [],
  decision: {
    round: 1,
    outcome: "proceed",
    closedAt: iso(145),
    closedByName: "Dee",
    questions: ["Ready for production?", "Rollback plan ready?"],
    roll: [
      { position: "deployment_lead", label: "Deployment Lead", holderName: "Dee Deploy", answers: [{ answer: "go", reason: null, voterName: "Dee Deploy", changes: 0 }, { answer: "go", reason: null, voterName: "Dee Deploy", changes: 0 }] },
      { position: "qa", label: "QA", holderName: "Quinn QA", answers: [{ answer: "go", reason: null, voterName: "Quinn QA", changes: 1 }, { answer: "go", reason: null, voterName: "Quinn QA", changes: 0 }] },
    ],
    tally: [],
    reasons: [],
    context: { runStatus: "go_no_go", checklist: { done: 0, total: 0, failed: 0 }, phases: [], rolloutPercent: 0 } as never,
    metrics: null,
  },
};

function doneAll(keys: string[], phases = seedPhases()) {
  return phases.map((p) => (keys.includes(p.key) ? { ...p, sections: p.sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, state: "done" as const, changedByName: "Dee" })) })) } : p));
}

function completedRun(): TRecordInput {
  const phases = withPhaseTimes(doneAll(["pre_deployment", "staging", "smoke_testing", "production", "validation", "post_deployment"]), [
    ["pre_deployment", iso(0), iso(55)],
    ["staging", iso(55), iso(100)],
    ["smoke_testing", iso(100), iso(140)],
    ["production", iso(150), iso(175)],
    ["validation", iso(175), iso(200)],
    ["post_deployment", iso(200), iso(300)],
  ]);
  const samples = [
    { metric: "error_rate", stage: "production" as const, at: Date.parse(iso(295)), value: 0.02 },
    { metric: "response_time_avg", stage: "production" as const, at: Date.parse(iso(295)), value: 180 },
    { metric: "response_time_p95", stage: "production" as const, at: Date.parse(iso(295)), value: 320 },
    { metric: "db_connection_failures", stage: "production" as const, at: Date.parse(iso(295)), value: 0 },
  ];
  return {
    run: { id: "r1", name: "Deploy MIDI 9", service: "midi-api", targetVersion: "9.0.0", commit: "6eb59fa", status: "completed", statusReason: null, plannedStart: T0, startedAt: T0, endedAt: iso(300), rolloutPercent: 100 },
    roles: [
      { role: "deployment_lead", label: "Deployment Lead", userName: "Dee Deploy" },
      { role: "qa", label: "QA", userName: "Quinn QA" },
    ],
    startedByName: "Dee Deploy",
    phases,
    goNoGo: [round],
    positionLabel: (p) => p,
    rolloutSteps: SEED.playbook.rolloutSteps,
    rolloutAdvances: [
      { percent: 10, label: "Canary", at: iso(151), byName: "Dora" },
      { percent: 50, label: "Progressive 50%", at: iso(158), byName: "Dora" },
      { percent: 100, label: "Full rollout", at: iso(162), byName: "Dora" },
    ],
    alerts: [],
    trees: SEED.playbook.decisionTrees,
    walks: [],
    announcements: [
      { id: "a1", templateKey: "complete", title: "Deployment Complete: Success Announcement", body: "🎉 DEPLOYMENT SUCCESSFUL 🎉", postedByName: "Dee Deploy", postedAt: iso(301), deliveries: [{ id: "d1", targetName: "#midi-deployment", format: "slack", status: "delivered", attempts: 1, lastAttemptAt: iso(301), deliveredAt: iso(301) }] },
    ],
    baseline: { capturedAt: iso(300), windowMinutes: 15, metrics: computeBaseline(samples, new Date(iso(300))) },
    previous: {
      runId: "r0",
      name: "Deploy MIDI 8",
      targetVersion: "8.4.0",
      commit: "5da1c3e",
      endedAt: "2025-10-20T18:00:00.000Z",
      metrics: computeBaseline([{ metric: "response_time_p95", stage: "production", at: 0, value: 400 }], new Date(1000)),
    },
    recordTemplate: SEED.playbook.recordTemplate,
    generatedAt: iso(310),
    stageEvidence: { canary: { sampleCount: 120, noDataMs: 0 }, full: { sampleCount: 300, noDataMs: 20_000 } },
  };
}

describe("the deployment record of a completed run", () => {
  const record = buildDeploymentRecord(completedRun());

  it("never says “✅ Successful” for a stage the metrics could not verify", () => {
    const input = completedRun();
    const silent = buildDeploymentRecord({ ...input, stageEvidence: { canary: { sampleCount: 0, noDataMs: 14 * 60_000 }, full: { sampleCount: 300, noDataMs: 60_000 } } });
    const values = Object.fromEntries(silent.fields.map((f) => [f.label, f.value]));
    expect(values["Canary deployment"]).toBe("Unverified — no data for 14 min");
    // Data arrived, but a gating rule went a whole minute without: not verified either.
    expect(values["Full rollout"]).toBe("Unverified — no data for 1 min");
  });

  it("says FAULTY, with who found what, once the completed run is marked faulty", () => {
    const faulty = buildDeploymentRecord({ ...completedRun(), faulty: { at: iso(900), reason: "Coupon totals wrong", byName: "Dee Deploy" } });
    expect(faulty.outcome).toMatchObject({ status: "completed", isFaulty: true, label: "✖ FAULTY (found after completion)", reason: "Marked faulty by Dee Deploy: Coupon totals wrong" });
    expect(faulty.fields.find((f) => f.label === "Status")?.value).toBe("✖ FAULTY (found after completion)");
    expect(record.outcome.isFaulty).toBe(false);
  });

  it("says “1 minute”, not “1 minutes”, for a rehearsal that short", () => {
    const input = completedRun();
    const short = buildDeploymentRecord({ ...input, run: { ...input.run, endedAt: iso(1) } });
    expect(short.fields.find((f) => f.label === "Deployment Duration")?.value).toBe("1 minute");
  });

  it("fills every line of the runbook's block, in its order", () => {
    expect(record.fields.map((f) => f.label)).toEqual(SEED_VALUE_LABELS);
    expect(Object.fromEntries(record.fields.map((f) => [f.label, f.value]))).toEqual({
      "Deployment Date": "2025-11-03",
      "Deployment Time": "12:00 UTC (ended 17:00 UTC)",
      "Deployed By": "Dee Deploy",
      "Git Commit": "6eb59fa",
      "Deployment Duration": "300 minutes",
      Status: "✅ SUCCESS",
      "Pre-deployment checks": "✅ All passed",
      "Staging tests": "✅ All passed",
      "Canary deployment": "✅ Successful",
      "Full rollout": "✅ Successful",
      "Post-deployment validation": "✅ All passed",
      "Error Rate": "0.02%",
      "Avg Response Time": "180ms",
      "P95 Response Time": "320ms",
      "Database Health": "✅ Good",
      "API Availability": "99.98%",
    });
    expect(record.block.split("\n")).toHaveLength(SEED.playbook.recordTemplate.split("\n").length);
    expect(record.block).toContain("Metrics Baseline:\n- Error Rate: 0.02%");
  });

  it("keeps the rollout steps with their times and how long each held", () => {
    expect(record.rollout.map((s) => [s.percent, s.reachedAt, s.byName, s.minutesHeld])).toEqual([
      [10, iso(151), "Dora", 7],
      [50, iso(158), "Dora", 4],
      [100, iso(162), "Dora", 138],
    ]);
  });

  it("compares its baseline with the service's previous run", () => {
    const p95 = record.comparison!.rows.find((r) => r.key === "response_time_p95")!;
    expect(p95).toMatchObject({ current: 320, baseline: 400, direction: "down", verdict: "better" });
  });

  it("exports Markdown with every seed field, the phases, votes, rollout, announcements and baseline", () => {
    const md = recordToMarkdown(record);
    for (const field of record.fields) expect(md).toContain(`${field.label}: ${field.value}`);
    for (const label of SEED_LABELS) expect(md).toContain(`${label}:`);
    expect(md).toContain("Metrics Baseline:");
    expect(md).toContain("| Production Deployment | ✅ All passed |");
    expect(md).toContain("### Round 1: PROCEED");
    expect(md).toContain("| Ready for production? | GO | GO |");
    expect(md).toContain("| Canary | 10% | 2025-11-03 14:31 UTC | Dora | 7 min |");
    expect(md).toContain("Webhooks: 1 of 1 delivered (#midi-deployment: delivered).");
    expect(md).toContain("### Compared with Deploy MIDI 8");
    expect(md).toContain("| P95 Response Time | 320ms | 400ms | −80ms (−20%) | better |");
    expect(md).not.toMatch(/undefined|NaN|\[object/);
  });
});

describe("a run rolled back during the canary", () => {
  const input = completedRun();
  const phases = withPhaseTimes(doneAll(["pre_deployment", "staging", "smoke_testing"]), [
    ["pre_deployment", iso(0), iso(55)],
    ["staging", iso(55), iso(100)],
    ["smoke_testing", iso(100), iso(140)],
    ["production", iso(150), null],
  ]);
  const record = buildDeploymentRecord({
    ...input,
    run: { ...input.run, status: "rolled_back", statusReason: "Decision guide “Canary Metrics Red”: Widespread → ROLLBACK immediately", endedAt: iso(165), rolloutPercent: 10 },
    phases,
    rolloutAdvances: input.rolloutAdvances.slice(0, 1),
    baseline: null,
    walks: [{ id: "w", treeKey: "canary_red", treeTitle: "Canary Metrics Red", signal: "canary_rollback_rule", evidence: ["Rollback rule firing: Error rate > 5%"], path: ["widespread", "rollback-immediately"], status: "applied", action: "rollback", outcome: "Moved the run to Rolled back", startedByName: "Dee", startedAt: iso(160), endedByName: "Dee", endedAt: iso(165), version: 3 }],
  });
  const values = Object.fromEntries(record.fields.map((f) => [f.label, f.value]));

  it("says what happened to each step, and shows — where nothing was measured", () => {
    expect(values).toMatchObject({
      Status: "⟲ ROLLED BACK",
      "Canary deployment": "❌ Rolled back at 10%",
      "Full rollout": "❌ Not reached (rolled back at 10%)",
      "Post-deployment validation": `${MISSING} Not reached`,
      "Error Rate": MISSING,
      "Database Health": MISSING,
      "Deployment Duration": "165 minutes",
    });
    expect(record.phases.find((p) => p.key === "production")!.verdict).toBe("stopped");
    // The rollback closed the production phase's clock with its items open: still not a pass.
    const closed = buildDeploymentRecord({ ...input, run: { ...input.run, status: "rolled_back", endedAt: iso(165), rolloutPercent: 10 }, phases: withPhaseTimes(phases, [["production", iso(150), iso(165)]]) });
    expect(closed.phases.find((p) => p.key === "production")).toMatchObject({ verdict: "stopped", summary: "⛔ Stopped: rolled back (0 of 6 done)" });
    // A phase that passed with optional items left open still passed.
    expect(record.phases.find((p) => p.key === "pre_deployment")!.verdict).toBe("passed");
  });

  it("records the decision guide walked, with its path and outcome", () => {
    expect(record.decisions[0]).toMatchObject({ treeTitle: "Canary Metrics Red", trail: ["Where are the errors?", "Widespread", "ROLLBACK immediately"], action: "Roll back", outcome: "Moved the run to Rolled back" });
    const md = recordToMarkdown(record);
    expect(md).toContain("Path: Where are the errors? → Widespread → ROLLBACK immediately");
    expect(md).toContain("No metrics were captured.");
    expect(md).not.toMatch(/undefined|NaN/);
  });
});

describe("the exported record of a run with hostile text", () => {
  const HOSTILE = "ok\n\n# Pwned\n![t](https://t.example/p.gif)\n<img src=x onerror=alert(1)>\n<!channel> @here <@U024BE7LH>";
  const input = completedRun();
  const phases = input.phases.map((p, index) =>
    index > 0 ? p : { ...p, sections: p.sections.map((s, si) => (si > 0 ? s : { ...s, items: s.items.map((i, ii) => (ii > 0 ? i : { ...i, state: "skipped" as const, note: HOSTILE })) })) },
  );
  const md = recordToMarkdown(
    buildDeploymentRecord({
      ...input,
      run: { ...input.run, name: "Deploy \u202E9.0 MIDI", statusReason: HOSTILE },
      phases,
      announcements: input.announcements.map((a) => ({ ...a, title: "# <b>Done</b> @channel", body: "Done <!here> @everyone" })),
    }),
  );
  const outsideFences = md.split(/^`{3,}.*$/m).filter((_, i) => i % 2 === 0).join("\n");

  it("keeps the skip reason on its one line, escaped", () => {
    expect(md).toContain("ok # Pwned \\!\\[t\\](https\\://t.example/p.gif) \\<img src=x onerror=alert(1)\\>");
  });

  it("has no heading, image, HTML, link or ping that the record did not write itself", () => {
    const headings = md.split("\n").filter((line) => /^#{1,6}\s/.test(line));
    expect(headings.filter((h) => /Pwned|<b>/.test(h))).toEqual([]);
    expect(outsideFences).not.toMatch(/(^|[^\\])!\[/m);
    expect(outsideFences).not.toMatch(/(^|[^\\])<[a-z!@/]/im);
    expect(outsideFences).not.toMatch(/(^|[^\\])\[[^\]]*\]\(/m);
    expect(md).not.toMatch(/@(channel|here|everyone)|<[!@]/);
    expect(md).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});

describe("fillRecordBlock", () => {
  it("keeps lines it does not know, and writes — for a [placeholder] it cannot fill", () => {
    const { block } = fillRecordBlock("Owner: DevOps\nReviewer: [Name]\nNotes\nStatus: x", new Map([["status", "OK"]]));
    expect(block).toBe(`Owner: DevOps\nReviewer: ${MISSING}\nNotes\nStatus: OK`);
  });
});
