// The seed runbook `deployment-day-checklist.md` as a typed template definition.
//
// Every checkbox of the runbook is an item (nested checkboxes are depth-1 items right after their
// parent); ```bash blocks are kept verbatim (dedented, comments kept) as item or section commands.
// `default-template.test.ts` re-parses the markdown and checks this file against it.
//
// Decision-tree roots are `unknown` in the schema's input type (z.ZodType<TDecisionNode>), so
// each is checked with `satisfies TDecisionNode`.
//
// Communication template fields ({{field}} placeholders, filled from the live run), by template:
//   pre_deployment: phoneNumber        ([NUMBER]), goNoGoTime ([TIME])
//   in_progress:    phase              ([PHASE]), status ([STATUS]), currentPhase ([NAME]),
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
// All field names: phoneNumber, goNoGoTime, phase, status, currentPhase, stepsDone, stepsTotal,
//   minutesRemaining, nextPhase, minutesToNextPhase, durationHours, durationMinutes,
//   responseTimeP95Ms, errorRatePercent, issueDescription, expectedRollbackMinutes,
//   impactDescription, rollbackStatus, previousCommit, causeAnalysisTime, postMortemDateTime
import type { TDecisionNode, TTemplateDefinition } from "../../lib/domain/template-definition";

/** Joins lines with "\n" so commands stay byte-exact (no template-literal escapes). */
const block = (...lines: string[]): string => lines.join("\n");

export const defaultTemplate: TTemplateDefinition = {
  key: "seed-deployment-day",
  name: "Deployment Day",
  description:
    "Deployment day checklist & communications: a 6-8 hour window owned by the DevOps Lead + Tech Lead. " +
    "Pre-deployment checks, staging deployment, smoke testing, canary/progressive production rollout, " +
    "production validation and post-deployment monitoring.",
  expectedDurationMinMinutes: 360,
  expectedDurationMaxMinutes: 480,
  phases: [
    {
      key: "pre_deployment",
      title: "Pre-Deployment",
      budgetMinMinutes: 60,
      budgetMaxMinutes: 60,
      successCriteria: [],
      sections: [
        {
          title: "Morning Of Deployment",
          items: [
            { text: "Get good sleep night before", depth: 0, required: false },
            { text: "Have coffee/caffeine ready", depth: 0, required: false },
            { text: "Clear calendar for next 8 hours", depth: 0, required: false },
            { text: "Have phone and notifications on", depth: 0, required: false },
            { text: "Test all communication channels", depth: 0, required: true },
            { text: "Verify access to all systems", depth: 0, required: true },
          ],
        },
        {
          title: "System Verification",
          budgetMinutes: 15,
          items: [
            {
              text: "Production environment health check",
              depth: 0,
              required: true,
              command: block(
                "# Database connectivity",
                'psql $PROD_DB_URL -c "SELECT version();"',
                "",
                "# All services running",
                "systemctl status midi-*",
                'docker ps | grep -E "postgres|meilisearch"',
              ),
            },
            {
              text: "Backup created",
              depth: 0,
              required: true,
              command: block(
                "# Full database backup",
                "pg_dump $PROD_DB_URL | gzip > /backups/midi_$(date +%Y%m%d_%H%M%S).sql.gz",
                "",
                "# Verify backup size",
                "ls -lh /backups/midi_*.sql.gz | tail -1",
              ),
            },
            { text: "Monitoring dashboards open", depth: 0, required: true },
            { text: "Error tracking: Open in browser", depth: 1, required: true },
            { text: "Performance monitoring: Ready", depth: 1, required: true },
            { text: "Log aggregation: Connected", depth: 1, required: true },
            { text: "Alert thresholds: Configured", depth: 1, required: true },
          ],
        },
        {
          title: "Team Preparation",
          budgetMinutes: 15,
          items: [
            { text: "Tech lead on standby", depth: 0, required: true },
            { text: "DevOps on call", depth: 0, required: true },
            { text: "QA ready for smoke tests", depth: 0, required: true },
            { text: "Communication channels open (Slack/Teams)", depth: 0, required: true },
            { text: "War room / bridge call ready", depth: 0, required: true },
          ],
        },
        {
          title: "Final Code Check",
          budgetMinutes: 15,
          items: [
            {
              text: "Latest git commit verified",
              depth: 0,
              required: true,
              command: block("git log -1 --oneline", "# Should be: 6eb59fa Final session summary..."),
              expectedOutput: "6eb59fa Final session summary...",
            },
            {
              text: "Build artifacts ready",
              depth: 0,
              required: true,
              command: block("cargo build --release 2>&1 | tail -20", '# Should show: "Finished release..."'),
              expectedOutput: "Finished release...",
            },
            {
              text: "No uncommitted changes",
              depth: 0,
              required: true,
              command: block("git status", '# Should show: "On branch main / nothing to commit"'),
              expectedOutput: "On branch main / nothing to commit",
            },
          ],
        },
        {
          title: "Communication",
          budgetMinutes: 15,
          items: [
            { text: "Notify stakeholders of 1-hour countdown", depth: 0, required: true },
            { text: "Post status in team channels", depth: 0, required: true },
            { text: "Brief team on rollback procedure", depth: 0, required: true },
            { text: "Confirm team is ready", depth: 0, required: true },
          ],
        },
        {
          title: "30 Minutes Before",
          items: [
            { text: "All team members present/online", depth: 0, required: true },
            { text: "Communication channels open", depth: 0, required: true },
            { text: "Dashboards loaded in browser", depth: 0, required: true },
            { text: "Terminal sessions ready", depth: 0, required: true },
            { text: "Backup verified", depth: 0, required: true },
            { text: "Rollback procedure reviewed", depth: 0, required: true },
          ],
        },
      ],
    },
    {
      key: "staging",
      title: "Staging Deployment",
      budgetMinMinutes: 30,
      budgetMaxMinutes: 45,
      successCriteria: [],
      sections: [
        {
          title: "Deploy to Staging",
          command: block(
            "# Pull latest code",
            "git pull origin main",
            "",
            "# Build",
            "cargo build --release --workspace",
            "",
            "# Deploy to staging",
            "./scripts/deploy.sh staging",
            "",
            "# Verify deployment",
            "./scripts/verify-deployment.sh staging",
          ),
          items: [
            { text: "Build completes without errors", depth: 0, required: true },
            { text: "Staging deployment successful", depth: 0, required: true },
            { text: "Services start and respond to health checks", depth: 0, required: true },
            { text: "Database migrations applied", depth: 0, required: true },
            { text: "No errors in logs", depth: 0, required: true },
          ],
        },
      ],
    },
    {
      key: "smoke_testing",
      title: "Smoke Testing",
      budgetMinMinutes: 45,
      budgetMaxMinutes: 45,
      successCriteria: [
        "All smoke tests pass",
        "No critical errors in logs",
        "Performance metrics acceptable",
        "Zero regressions detected",
      ],
      sections: [
        {
          title: "Run Core Smoke Tests",
          command: block(
            "# Test database connectivity",
            "./tests/smoke/db_test.sh staging",
            "",
            "# Test API endpoints",
            "./tests/smoke/api_test.sh staging",
            "",
            "# Test core functionality",
            "./tests/smoke/core_test.sh staging",
            "",
            "# Run performance baseline",
            "./tests/smoke/perf_baseline.sh staging",
          ),
          items: [{ text: "Core smoke tests pass", depth: 0, required: true }],
        },
        {
          title: "Manual Verification Checklist",
          items: [
            { text: "Web interface loads", depth: 0, required: true },
            { text: "Login works", depth: 0, required: true },
            { text: "File upload works", depth: 0, required: true },
            { text: "MIDI analysis completes", depth: 0, required: true },
            { text: "Search functionality works", depth: 0, required: true },
            { text: "Export works", depth: 0, required: true },
            { text: "Database queries fast", depth: 0, required: true },
            { text: "No error logs in staging", depth: 0, required: true },
          ],
        },
      ],
    },
    {
      key: "production",
      title: "Production Deployment",
      budgetMinMinutes: 30,
      budgetMaxMinutes: 30,
      successCriteria: [],
      sections: [
        {
          title: "Deployment Checkpoints",
          command: block(
            "# Canary deployment (10% traffic)",
            "./scripts/deploy.sh production --canary 10%",
            "",
            "# Monitor for 5 minutes",
            "./scripts/monitor.sh production --duration 5m",
            "",
            "# Gradual rollout",
            "./scripts/deploy.sh production --progressive \\",
            "  --rollout-duration 15m \\",
            "  --max-error-rate 1%",
          ),
          items: [
            { text: "Canary (10%) deployed successfully", depth: 0, required: true },
            { text: "Canary metrics green (5 minutes)", depth: 0, required: true },
            { text: "50% progressive rollout", depth: 0, required: true },
            { text: "50% metrics green (2 minutes)", depth: 0, required: true },
            { text: "100% deployment", depth: 0, required: true },
            { text: "Full metrics green (5 minutes)", depth: 0, required: true },
          ],
        },
      ],
    },
    {
      key: "validation",
      title: "Production Validation",
      budgetMinMinutes: 30,
      budgetMaxMinutes: 30,
      successCriteria: [
        "Error rate < 0.1%",
        "Response time < 500ms",
        "Database healthy",
        "All features working",
        "Zero critical errors",
      ],
      sections: [
        {
          title: "Automated Checks",
          command: block(
            "# Run production smoke tests",
            "./tests/smoke/production_test.sh",
            "",
            "# Check error rates",
            "curl $PROD_API/health | jq '.error_rate'",
            "# Should be: < 0.1%",
            "",
            "# Verify performance",
            "curl $PROD_API/metrics | jq '.avg_response_time_ms'",
            "# Should be: < 500ms",
            "",
            "# Database health",
            'psql $PROD_DB -c "SELECT COUNT(*) FROM files;"',
            "# Should show: positive count",
          ),
          expectedOutput: "error_rate < 0.1%; avg_response_time_ms < 500ms; positive file count",
          items: [{ text: "Automated production checks pass", depth: 0, required: true }],
        },
        {
          title: "Manual Validation",
          items: [
            { text: "Log into production interface", depth: 0, required: true },
            { text: "Perform basic user workflow", depth: 0, required: true },
            { text: "Create/upload file", depth: 1, required: true },
            { text: "Run analysis", depth: 1, required: true },
            { text: "Verify results", depth: 1, required: true },
            { text: "Export file", depth: 1, required: true },
            { text: "Check error logs (should be empty)", depth: 0, required: true },
            { text: "Verify performance metrics", depth: 0, required: true },
          ],
        },
      ],
    },
    {
      key: "post_deployment",
      title: "Post-Deployment",
      budgetMinMinutes: 60,
      budgetMaxMinutes: 120,
      successCriteria: [],
      sections: [
        // Both recurring sections run concurrently inside "Immediate Monitoring (1 hour)".
        {
          title: "Every 5 Minutes",
          budgetMinutes: 60,
          intervalMinutes: 5,
          items: [
            { text: "Check error rate dashboard", depth: 0, required: true },
            { text: "Verify response times", depth: 0, required: true },
            { text: "Monitor CPU/memory usage", depth: 0, required: true },
            { text: "Check database connection pool", depth: 0, required: true },
          ],
        },
        {
          title: "Every 15 Minutes",
          budgetMinutes: 60,
          intervalMinutes: 15,
          items: [
            { text: "Review error logs", depth: 0, required: true },
            { text: "Check performance trends", depth: 0, required: true },
            { text: "Verify no anomalies", depth: 0, required: true },
          ],
        },
        {
          title: "Documentation",
          budgetMinutes: 30,
          items: [
            // The details block itself is `playbook.recordTemplate`.
            { text: "Record deployment details", depth: 0, required: true },
            {
              text: "Capture baseline metrics",
              depth: 0,
              required: true,
              command: block(
                "# Export metrics for comparison",
                "./scripts/capture-metrics.sh production > /deployments/2025-11-03_baseline.json",
                "",
                "# Create comparison baseline",
                "cp /deployments/2025-11-03_baseline.json /deployments/production_baseline_current.json",
              ),
            },
          ],
        },
        {
          title: "Team Communication",
          budgetMinutes: 15,
          items: [
            // The announcement text is the `complete` communication template.
            { text: "Post deployment announcement", depth: 0, required: true },
          ],
        },
        {
          // "Extended Monitoring (2-4 hours)": a range, and longer than the phase, so no budget.
          title: "Extended Monitoring",
          items: [
            { text: "Monitor error trends", depth: 0, required: false },
            { text: "Watch for performance degradation", depth: 0, required: false },
            { text: "Alert on any anomalies", depth: 0, required: false },
            { text: "Keep team informed", depth: 0, required: false },
          ],
        },
      ],
    },
  ],
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
    decisionTrees: [
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
    ],
    communicationTemplates: [
      {
        key: "pre_deployment",
        title: "Pre-Deployment Slack Message",
        cadence: "1 hour before",
        body: block(
          "🚀 DEPLOYMENT STARTING IN 1 HOUR",
          "",
          "Project: MIDI Software Center (Phase 9)",
          "Expected Duration: 6-8 hours",
          "Window: Now until 6 PM UTC",
          "",
          "Deployment Plan:",
          "1. Staging deployment & testing (45 min)",
          "2. Smoke test execution (45 min)",
          "3. Production canary (10%) (5 min)",
          "4. Progressive rollout (15 min)",
          "5. Validation (30 min)",
          "",
          "Status Channel: #midi-deployment",
          "Questions: Slack or call {{phoneNumber}}",
          "",
          "Go/No-Go decision at {{goNoGoTime}}",
        ),
      },
      {
        key: "in_progress",
        title: "Deployment In Progress",
        cadence: "every 30 minutes",
        body: block(
          "✅ {{phase}} Complete - {{status}}",
          "",
          "Current Phase: {{currentPhase}}",
          "Progress: {{stepsDone}} of {{stepsTotal}} steps complete",
          "Estimated: {{minutesRemaining}} minutes remaining",
          "",
          "Metrics: All green ✅",
          "Next Phase: {{nextPhase}} in ~{{minutesToNextPhase}} minutes",
        ),
      },
      {
        key: "complete",
        title: "Deployment Complete: Success Announcement",
        cadence: "when the deployment completes",
        body: block(
          "🎉 DEPLOYMENT SUCCESSFUL 🎉",
          "",
          "Status: ✅ FULLY OPERATIONAL",
          "Duration: {{durationHours}} hours {{durationMinutes}} minutes",
          "Errors: 0",
          "",
          "Current Metrics:",
          "- API Response: {{responseTimeP95Ms}}ms (p95)",
          "- Error Rate: {{errorRatePercent}}%",
          "- Database: Healthy ✅",
          "- All Systems: Green ✅",
          "",
          "Next: Begin post-deployment monitoring",
          "Timeline: 24-hour watch period",
          "Questions: #midi-deployment",
        ),
      },
      {
        key: "rollback",
        title: "Rollback: Emergency Notification",
        cadence: "if needed, as soon as a rollback starts",
        body: block(
          "🚨 ROLLBACK IN PROGRESS",
          "",
          "Issue Detected: {{issueDescription}}",
          "Action: Rolling back to previous version",
          "Duration: Expected {{expectedRollbackMinutes}} minutes",
          "Impact: {{impactDescription}}",
          "",
          "Status: {{rollbackStatus}}",
          "Restored Version: {{previousCommit}}",
          "All Systems: Returning to normal",
          "",
          "Cause Analysis: {{causeAnalysisTime}}",
          "Post-Mortem: Scheduled for {{postMortemDateTime}}",
        ),
      },
    ],
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
