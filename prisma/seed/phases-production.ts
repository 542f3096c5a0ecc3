// The runbook's phases from the rollout on: Production, Production Validation, Post-Deployment.
import type { TTemplateDefinition } from "../../lib/domain/template-definition";
import { block } from "./block";

export const phasesFromProduction: TTemplateDefinition["phases"] = [
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
          { text: "Canary metrics green (5 minutes)", depth: 0, required: true, metricLink: { kind: "checkpoint", percent: 10 } },
          { text: "50% progressive rollout", depth: 0, required: true },
          { text: "50% metrics green (2 minutes)", depth: 0, required: true, metricLink: { kind: "checkpoint", percent: 50 } },
          { text: "100% deployment", depth: 0, required: true },
          { text: "Full metrics green (5 minutes)", depth: 0, required: true, metricLink: { kind: "checkpoint", percent: 100 } },
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
        expectedOutput: "error_rate < 0.1%; avg_response_time_ms < 500ms; files: positive count",
        items: [{ text: "Automated checks pass", depth: 0, required: true }],
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
          { text: "Verify performance metrics", depth: 0, required: true, metricLink: { kind: "rule", rule: "Response time < 500ms" } },
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
          { text: "Post-deployment announcement", depth: 0, required: true },
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
];
