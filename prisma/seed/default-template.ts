// The seed runbook `deployment-day-checklist.md` as a typed template definition.
//
// Every checkbox of the runbook is an item (nested checkboxes are depth-1 items right after their
// parent); ```bash blocks are kept verbatim (dedented, comments kept) as item or section commands.
// `default-template-*.test.ts` re-parse the markdown and check this file against it.
//
// Decision-tree roots are `unknown` in the schema's input type (z.ZodType<TDecisionNode>), so
// each is checked with `satisfies TDecisionNode`.
//
// Communication template fields ({{field}} placeholders, filled from the live run), by template (the
// importer maps the runbook's brackets to the same fields: lib/domain/runbook-markdown/placeholders.ts):
//   pre_deployment: phoneNumber        ([NUMBER]), goNoGoTime ([TIME])
//   in_progress:    phase              ([PHASE]), status ([STATUS]), currentPhase ([NAME]),
//                   metricsLine        (the runbook's static "All green ✅": computed from the verdicts),
//                   stepsDone, stepsTotal ([X of Y steps complete]),
//                   minutesRemaining   ([X minutes remaining]), nextPhase ([NAME]),
//                   minutesToNextPhase ([X] in "in ~[X] minutes")
//   complete:       durationHours, durationMinutes ([X hours Y minutes]),
//                   responseTimeP95Ms  ([X]ms (p95)), errorRatePercent ([X]%)
//   rollback:       issueDescription   ([DESCRIPTION] after "Issue Detected"),
//                   expectedRollbackMinutes ([X] minutes), impactDescription ([DESCRIPTION] after
//                   "Impact"), rollbackStatus ([ROLLING BACK / ROLLBACK COMPLETE]),
//                   previousCommit     ([PREVIOUS COMMIT]), causeAnalysisTime ([TIME]),
//                   postMortemDateTime ([DATE/TIME])
// All field names: phoneNumber, goNoGoTime, phase, status, metricsLine, currentPhase, stepsDone, stepsTotal,
//   minutesRemaining, nextPhase, minutesToNextPhase, durationHours, durationMinutes,
//   responseTimeP95Ms, errorRatePercent, issueDescription, expectedRollbackMinutes,
//   impactDescription, rollbackStatus, previousCommit, causeAnalysisTime, postMortemDateTime
import type { TTemplateDefinition } from "../../lib/domain/template-definition";
import { block } from "./block";
import { communicationTemplates } from "./communications";
import { decisionTrees } from "./decision-trees";
import { phasesBeforeProduction } from "./phases-before-production";
import { phasesFromProduction } from "./phases-production";


export const defaultTemplate: TTemplateDefinition = {
  key: "seed-deployment-day",
  name: "Deployment Day",
  description:
    "Deployment day checklist & communications: a 6-8 hour window owned by the DevOps Lead + Tech Lead. " +
    "Pre-deployment checks, staging deployment, smoke testing, canary/progressive production rollout, " +
    "production validation and post-deployment monitoring.",
  expectedDurationMinMinutes: 360,
  expectedDurationMaxMinutes: 480,
  phases: [...phasesBeforeProduction, ...phasesFromProduction],
  playbook: {
    goNoGoQuestions: [
      "Ready for production?",
      "All smoke tests passed?",
      "Team consensus obtained?",
      "Rollback plan ready?",
      "Systems stable?",
      "Rollback plan tested?",
      "Monitoring ready?",
    ],
    successCriteria: [
      "Zero downtime achieved",
      "All features operational",
      "Error rate < 0.1%",
      "Performance met targets",
      "Team confident",
      "Users happy",
    ],
    escalationThresholds: [
      {
        label: "Error rate > 1% → Investigate immediately",
        metric: "error_rate",
        comparator: ">",
        value: 1,
        unit: "%",
        window: { kind: "immediate" },
      },
      {
        label: "Response time > 1000ms → Investigate",
        metric: "response_time_avg",
        comparator: ">",
        value: 1000,
        unit: "ms",
        window: { kind: "immediate" },
      },
      {
        label: "Database queries > 2 seconds → Investigate",
        metric: "db_query_time",
        comparator: ">",
        value: 2000,
        unit: "ms",
        window: { kind: "immediate" },
      },
      {
        label: "Memory usage > 80% → Investigate",
        metric: "memory",
        comparator: ">",
        value: 80,
        unit: "%",
        window: { kind: "immediate" },
      },
    ],
    rollbackTriggers: [
      {
        label: "Error rate > 5% sustained (5 minutes)",
        metric: "error_rate",
        comparator: ">",
        value: 5,
        unit: "%",
        window: { kind: "sustained", minutes: 5 },
      },
      {
        // Each sample carries a count of failures; the trigger sums them over 5 minutes.
        label: "Database connection failures > 10 in 5 minutes",
        metric: "db_connection_failures",
        comparator: ">",
        value: 10,
        unit: "",
        window: { kind: "sum", minutes: 5 },
      },
      {
        label: "API response time > 5 seconds (p95)",
        metric: "response_time_p95",
        comparator: ">",
        value: 5000,
        unit: "ms",
        window: { kind: "immediate" },
      },
    ],
    manualRollbackTriggers: [
      { label: "Data corruption detected" },
      { label: "Critical security issue found" },
      { label: "More than 50% of features broken" },
    ],
    successMetrics: [
      {
        label: "Error rate < 0.1%",
        metric: "error_rate",
        comparator: "<",
        value: 0.1,
        unit: "%",
        window: { kind: "immediate" },
      },
      {
        label: "Response time < 500ms",
        metric: "response_time_avg",
        comparator: "<",
        value: 500,
        unit: "ms",
        window: { kind: "immediate" },
      },
    ],
    rolloutSteps: [
      { percent: 10, label: "Canary", greenMinutes: 5, checkpoint: "Canary metrics green (5 minutes)" },
      { percent: 50, label: "Progressive 50%", greenMinutes: 2, checkpoint: "50% metrics green (2 minutes)" },
      { percent: 100, label: "Full rollout", greenMinutes: 5, checkpoint: "Full metrics green (5 minutes)" },
    ],
    rollbackCommand: "./scripts/rollback.sh production --to-previous-version",
    decisionTrees,
    communicationTemplates,
    recordTemplate: block(
      "Deployment Date: 2025-11-03",
      "Deployment Time: [HH:MM UTC]",
      "Deployed By: [Name]",
      "Git Commit: 6eb59fa",
      "Deployment Duration: [X minutes]",
      "Status: ✅ SUCCESS",
      "",
      "Pre-deployment checks: ✅ All passed",
      "Staging tests: ✅ All passed",
      "Canary deployment: ✅ Successful",
      "Full rollout: ✅ Successful",
      "Post-deployment validation: ✅ All passed",
      "",
      "Metrics Baseline:",
      "- Error Rate: 0.0%",
      "- Avg Response Time: [Xms]",
      "- P95 Response Time: [Xms]",
      "- Database Health: ✅ Good",
      "- API Availability: 100%",
    ),
  },
};
