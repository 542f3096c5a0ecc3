// The deployment record's shape: what buildDeploymentRecord (deployment-record.ts) gives the record
// page, the Markdown export and the JSON export.
import type { TBaselineMetrics, TComparison } from "./baseline";
import type { TStageEvidence } from "./verdict-wording";
import type { TAnnouncementView } from "./comms-events";
import type { TRunFacts } from "./comms-fields";
import type { TWalkView } from "./decision-events";
import type { TDecisionTree } from "./decision-trees";
import type { TPollRound } from "./go-no-go";
import type { TAlertView } from "./metric-events";
import type { TComparisonResult } from "./record-comparisons";
import type { TRolloutStep } from "./rollout";
import type { TSnapshotPhase } from "./run-snapshot";
import type { TRunStatus } from "./run-status";
import type { TPhaseKey } from "./template-definition";

export const MISSING = "—";

export type { TStageEvidence };

export type TRecordInput = {
  run: TRunFacts & { id: string };
  roles: { role: string; label: string; userName: string }[];
  /** Who started the deployment (moved it out of planned), when no Deployment Lead is named. */
  startedByName: string | null;
  phases: TSnapshotPhase[];
  goNoGo: TPollRound[];
  positionLabel: (position: string) => string;
  rolloutSteps: TRolloutStep[];
  /** Every rollout step taken, oldest first. */
  rolloutAdvances: { percent: number; label: string; at: string; byName: string }[];
  alerts: TAlertView[];
  trees: TDecisionTree[];
  walks: TWalkView[];
  announcements: TAnnouncementView[];
  baseline: { capturedAt: string; windowMinutes: number; metrics: TBaselineMetrics } | null;
  /** The service's completed run before this one, with its baseline. */
  previous: { runId: string; name: string; targetVersion: string; commit: string | null; endedAt: string; metrics: TBaselineMetrics } | null;
  /** The runbook's "Record Deployment Details" block. */
  recordTemplate: string;
  /** A completed run marked faulty later (validation-window.ts): its outcome says so. */
  faulty?: { at: string; reason: string; byName: string } | null;
  /**
   * What the metrics showed while each rollout stage ran (lib/record/evidence.ts): a stage is
   * "✅ Successful" only with data (stageRecordVerdict).
   */
  stageEvidence: { canary: TStageEvidence; full: TStageEvidence };
  /** The compare rules and what each comparison found (record-comparisons.ts); none: no such rule. */
  comparisons?: TComparisonResult[];
  generatedAt: string;
};

export type TVerdict = "passed" | "passed_with_skips" | "failed" | "in_progress" | "stopped" | "not_reached";

export type TPhaseResult = {
  key: TPhaseKey;
  title: string;
  verdict: TVerdict;
  summary: string;
  startedAt: string | null;
  completedAt: string | null;
  durationMinutes: number | null;
  budgetMinMinutes: number;
  budgetMaxMinutes: number;
  done: number;
  skipped: number;
  failed: number;
  open: number;
  total: number;
  /**
   * Items not simply done: skipped with their reason, failed with their note, still open, or ticked
   * by hand against their linked metric (`override`: what it showed; the reason is the note).
   */
  exceptions: { text: string; state: string; note: string | null; byName: string | null; override: string | null }[];
};

export type TRecurringResult = { phaseTitle: string; title: string; intervalMinutes: number; rounds: number; lastAt: string | null; lastByName: string | null };

export type TGoNoGoResult = {
  round: number;
  status: "open" | "closed";
  outcome: string;
  override: { reason: string; byName: string; at: string } | null;
  openedAt: string;
  openedByName: string;
  closedAt: string | null;
  closedByName: string | null;
  questions: string[];
  roll: { label: string; holderName: string | null; answers: string[]; reasons: string[] }[];
};

export type TRolloutResult = { percent: number; label: string; checkpoint: string; reachedAt: string | null; byName: string | null; minutesHeld: number | null };

export type TDecisionResult = {
  treeTitle: string;
  trail: string[];
  action: string | null;
  status: TWalkView["status"];
  outcome: string | null;
  evidence: string[];
  startedByName: string;
  startedAt: string;
  endedByName: string | null;
  endedAt: string | null;
};

export type TBaselineResult = {
  capturedAt: string;
  windowMinutes: number;
  values: { key: string; label: string; value: string; samples: number; stage: string }[];
  databaseHealth: string;
  apiAvailability: string;
};

export type TDeploymentRecord = {
  generatedAt: string;
  isFinished: boolean;
  run: TRecordInput["run"] & { roles: TRecordInput["roles"] };
  outcome: { status: TRunStatus; label: string; reason: string | null; isFaulty: boolean };
  date: string;
  startTime: string;
  endTime: string;
  durationMinutes: number | null;
  deployedBy: string;
  /** The runbook's block with every line filled, in its order. */
  block: string;
  fields: { label: string; value: string }[];
  phases: TPhaseResult[];
  recurring: TRecurringResult[];
  goNoGo: TGoNoGoResult[];
  rollout: TRolloutResult[];
  alerts: TAlertView[];
  comparisons: TComparisonResult[];
  decisions: TDecisionResult[];
  announcements: TAnnouncementView[];
  baseline: TBaselineResult | null;
  comparison: { previousRunId: string; previousRunName: string; previousVersion: string; previousEndedAt: string; rows: TComparison[] } | null;
};
