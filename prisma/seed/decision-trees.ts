// The runbook's decision trees (build fails, staging tests fail, canary red, rollout errors).
import type { TDecisionNode, TPlaybook } from "../../lib/domain/template-definition";

export const decisionTrees: TPlaybook["decisionTrees"] = [
  {
    key: "build_fails",
    title: "Build Fails",
    signal: "build_item_failed",
    steps: ["Check compilation error", "Review recent commits"],
    root: {
      id: "build-fails",
      label: "Build fails: do not proceed to staging",
      children: [
        { id: "stop", label: "STOP: Do not proceed to staging", action: "stop" },
        { id: "fix-retest-reschedule", label: "Fix code, re-test, reschedule", action: "reschedule" },
      ],
    } satisfies TDecisionNode,
  },
  {
    key: "staging_tests_fail",
    title: "Staging Tests Fail",
    signal: "staging_item_failed",
    steps: ["Investigate test failure", "Check if it's environment-specific", "Run test locally to verify"],
    root: {
      id: "staging-tests-fail",
      label: "Staging tests fail: do not proceed to production",
      children: [
        { id: "fix-and-retest", label: "Fix issue and re-test", action: "fix_and_retest" },
        { id: "skip-false-positive", label: "Skip test if false positive (document)", action: "document" },
        { id: "rollback-previous", label: "Rollback to previous version", action: "rollback" },
      ],
    } satisfies TDecisionNode,
  },
  {
    key: "canary_red",
    title: "Canary Metrics Red",
    signal: "canary_rollback_rule",
    steps: ["Check canary-specific logs", "Verify it's not environmental"],
    root: {
      id: "where-are-errors",
      label: "Where are the errors?",
      children: [
        {
          id: "isolated-to-canary",
          label: "Isolated to canary",
          children: [
            {
              id: "stop-canary-reschedule",
              label: "Stop canary, investigate, reschedule",
              action: "reschedule",
            },
          ],
        },
        {
          id: "widespread",
          label: "Widespread",
          children: [{ id: "rollback-immediately", label: "ROLLBACK immediately", action: "rollback" }],
        },
        {
          id: "database-issue",
          label: "Database issue",
          children: [{ id: "check-backups-restore", label: "Check backups, may need restore", action: "restore" }],
        },
      ],
    } satisfies TDecisionNode,
  },
  {
    key: "rollout_errors",
    title: "Progressive Rollout Errors",
    signal: "rollout_rollback_rule",
    steps: ["Pause deployment", "Analyze error pattern"],
    root: {
      id: "what-kind-of-issue",
      label: "What kind of issue is causing the errors?",
      children: [
        {
          id: "fixable-code-issue",
          label: "Fixable (code issue)",
          children: [{ id: "rollback-fix-redeploy", label: "Rollback, fix, re-deploy", action: "rollback" }],
        },
        {
          id: "environmental-infra-issue",
          label: "Environmental (infra issue)",
          children: [{ id: "address-infra-resume", label: "Address infra, resume rollout", action: "resume" }],
        },
        {
          id: "database-data-issue",
          label: "Database (data issue)",
          children: [
            { id: "investigate-data-restore", label: "Investigate, may need data restore", action: "restore" },
          ],
        },
      ],
    } satisfies TDecisionNode,
  },
];
