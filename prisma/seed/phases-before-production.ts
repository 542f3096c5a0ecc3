// The runbook's phases up to the go/no-go decision: Pre-Deployment, Staging, Smoke Testing.
import type { TTemplateDefinition } from "../../lib/domain/template-definition";
import { block } from "./block";

export const phasesBeforeProduction: TTemplateDefinition["phases"] = [
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
          { text: "Database queries fast", depth: 0, required: true, metricLink: { kind: "rule", rule: "Database queries > 2 seconds → Investigate" } },
          { text: "No error logs in staging", depth: 0, required: true },
        ],
      },
    ],
  },
];
