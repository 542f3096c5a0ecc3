// What a stakeholder's status link may see of a run, and what the page says. The public state is the
// redacted snapshot (public-snapshot.ts) plus the announcements; events arrive projected
// (public-projection.ts) with the run's own seq, so the war room's fold (applyRunEvent) and verdicts
// (statusLight, estimatedFinish, progress) apply to it unchanged. Pure: the server projects, the
// browser folds, tests compare both.
import { progress } from "./checklist";
import { COMMS_EVENTS } from "./comms-events";
import type { TRunEvent } from "./events/catalogue";
import { type TGoNoGoState } from "./go-no-go";
import { decisionOf } from "./go-no-go-rules";
import { KEY_METRICS } from "./metric-catalog";
import type { TLiveSample, TMetricCharts } from "./metric-charts";
import { redactSnapshot } from "./public-snapshot";
import { allItems, applyRunEvent, checklistItems, type TRunSnapshot } from "./run-snapshot";
import { isTerminal, type TRunStatus } from "./run-status";
import { estimatedFinish } from "./schedule";
import { currentPhase, GUARD_WORDS, lastStartedPhase, statusLight, type TStatusLight } from "./status-light";

export { HIDDEN_EVENT } from "./events/catalogue";

/** Announcements posted for stakeholders (lib/domain/comms-events.ts). */
export const ANNOUNCEMENT_EVENT = COMMS_EVENTS.posted;

export type TPublicAnnouncement = { seq: number; title: string | null; body: string; postedAt: string };
export const ANNOUNCEMENTS_ON_PAGE = 50;

export type TPublicStatus = {
  /** The run with everything internal blanked; its timeline is always empty. */
  run: TRunSnapshot;
  /** Newest first, bounded. */
  announcements: TPublicAnnouncement[];
};

function announcementOf(event: TRunEvent): TPublicAnnouncement | null {
  if (event.type !== "announcement.posted") return null;
  return { seq: event.seq, title: event.payload.title, body: event.payload.body, postedAt: event.createdAt };
}

/** The status page's start: the redacted run plus the announcements found in its events. */
export function publicStatusOf(snapshot: TRunSnapshot, events: TRunEvent[]): TPublicStatus {
  const announcements = events
    .map(announcementOf)
    .filter((a): a is TPublicAnnouncement => a !== null)
    .sort((a, b) => b.seq - a.seq)
    .slice(0, ANNOUNCEMENTS_ON_PAGE);
  return { run: redactSnapshot(snapshot), announcements };
}

/** Fold one projected event. Events at or below lastSeq are already in: ignored. */
export function applyPublicEvent(status: TPublicStatus, event: TRunEvent): TPublicStatus {
  if (event.seq <= status.run.lastSeq) return status;
  const run = { ...applyRunEvent(status.run, event), timeline: [] };
  const announcement = announcementOf(event);
  const announcements = announcement ? [announcement, ...status.announcements].slice(0, ANNOUNCEMENTS_ON_PAGE) : status.announcements;
  return { run, announcements };
}

// ───────────────────────────── key charts (links made with "include charts") ─────────────────────────────

const isKeyMetric = (metric: string) => (KEY_METRICS as readonly string[]).includes(metric);

/** The key metrics' series only (error rate, p95 response time): the charts a stakeholder gets. */
export function publicCharts(charts: TMetricCharts): TMetricCharts {
  return { series: charts.series.filter((s) => isKeyMetric(s.metric)), rolloutMarks: charts.rolloutMarks };
}

export function publicSamples<T extends Pick<TLiveSample, "metric">>(samples: readonly T[]): T[] {
  return samples.filter((s) => isKeyMetric(s.metric));
}

// ───────────────────────────── what the page says ─────────────────────────────

/** Where the deployment is, in words a stakeholder uses. */
export const STAGE_WORDS: Record<TRunStatus, string> = {
  planned: "Scheduled",
  pre_deployment: "Preparing",
  staging: "Testing on staging",
  smoke_tests: "Smoke testing",
  go_no_go: "Deciding go / no-go",
  production: "Rolling out to production",
  validation: "Validating in production",
  monitoring: "Monitoring after release",
  completed: "Completed",
  rolled_back: "Rolled back",
  rescheduled: "Rescheduled",
  aborted: "Cancelled",
};

export type TPublicGoNoGo = { state: "pending" | "voting" | "go" | "no_go"; text: string };

export function publicGoNoGo(state: TGoNoGoState): TPublicGoNoGo {
  const round = state.rounds.at(-1);
  if (!round) return { state: "pending", text: "Not decided yet" };
  if (round.status === "open") return { state: "voting", text: `Vote in progress (round ${round.round})` };
  const decision = decisionOf(round);
  if (decision?.outcome === "proceed") {
    return { state: "go", text: decision.isOverridden ? "GO: proceeding (a lead overrode the vote)" : "GO: proceed to production" };
  }
  return { state: "no_go", text: "NO-GO: the deployment is to be rescheduled" };
}

export type TPublicView = {
  name: string;
  service: string;
  targetVersion: string;
  status: TRunStatus;
  stage: string;
  statusReason: string | null;
  isFinished: boolean;
  light: TStatusLight;
  /** The phase under way: "Phase 3 of 6". */
  phase: { title: string; number: number; of: number; done: number; total: number } | null;
  /** A finished run: the phase it was last working through ("Production Deployment"). */
  lastPhase: string | null;
  progress: { done: number; total: number; failed: number };
  /** When it should be over: the planned window's end before it starts, the estimate while it runs. */
  expectedFinish: string | null;
  plannedStart: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Production traffic on the new version, once the rollout has begun. */
  rolloutPercent: number | null;
  goNoGo: TPublicGoNoGo;
  announcements: TPublicAnnouncement[];
};

const NOT_STARTED: readonly TRunStatus[] = ["planned", "rescheduled"];

/**
 * A lock or freeze tells stakeholders the deployment is paused and why in general terms; who holds
 * the lock and the reason they wrote stay in Warroom (the projection has already blanked them).
 */
function publicLight(light: TStatusLight): TStatusLight {
  if (!GUARD_WORDS.includes(light.word as (typeof GUARD_WORDS)[number])) return light;
  return { state: "attention", word: "PAUSED", reason: light.word === "LOCKED" ? "Paused — deployments of this service are on hold" : "Paused — deployment freeze" };
}

export function publicView(status: TPublicStatus, now: Date): TPublicView {
  const run = status.run;
  const items = allItems(run);
  const phase = currentPhase(run);
  const phaseItems = phase ? progress(checklistItems(phase)) : null;
  const isFinished = isTerminal(run.status);
  const timings = run.phases.map((p) => ({
    budgetMaxMinutes: p.budgetMaxMinutes,
    startedAt: p.startedAt ? new Date(p.startedAt) : null,
    completedAt: p.completedAt ? new Date(p.completedAt) : null,
  }));
  const windowEnd = new Date(Date.parse(run.plannedStart) + run.plannedDurationMin * 60_000).toISOString();
  return {
    name: run.name,
    service: run.service,
    targetVersion: run.targetVersion,
    status: run.status,
    stage: STAGE_WORDS[run.status],
    statusReason: run.statusReason,
    isFinished,
    light: publicLight(statusLight(run, now)),
    phase:
      phase && phaseItems
        ? { title: phase.title, number: run.phases.indexOf(phase) + 1, of: run.phases.length, done: phaseItems.done, total: phaseItems.total }
        : null,
    lastPhase: isFinished ? (lastStartedPhase(run)?.title ?? null) : null,
    progress: { ...progress(items), failed: items.filter((i) => i.state === "failed").length },
    expectedFinish: isFinished ? null : NOT_STARTED.includes(run.status) ? windowEnd : estimatedFinish(timings, now).toISOString(),
    plannedStart: run.plannedStart,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    rolloutPercent: ["production", "validation", "monitoring", "completed"].includes(run.status) ? run.rolloutPercent : null,
    goNoGo: publicGoNoGo(run.goNoGo),
    announcements: status.announcements,
  };
}
