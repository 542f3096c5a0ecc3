// The control tower (/now): every run under way and today's, one row each, read from the same
// snapshot and the same rules the war room and the bridge use — the status light is statusLight's,
// never re-derived here. Pure: the clock is passed in, so a row moves on screen as time passes.
import { isGatingNow } from "./checkpoint-gate";
import { evaluatePoll, OUTCOME_WORDS } from "./go-no-go";
import { decisionOf, latestCurrentRound } from "./go-no-go-rules";
import { recommendationsToDecide } from "./metric-recommendations";
import { judgedRules, verifiedStage } from "./rule-semantics";
import { progress } from "./checklist";
import { allItems, type TRunSnapshot } from "./run-snapshot";
import { isTerminal, STATUS_LABELS } from "./run-status";
import { estimatedFinish } from "./schedule";
import { currentPhase, lastStartedPhase, statusLight, type TStatusLight } from "./status-light";
import { freezeWindowsBetween, type TFreezeView, type TLockView } from "./service-guards";
import type { TWindowConflict } from "./window-conflicts";

/** What the tower holds of a run: its snapshot without the timeline, comms and decision trees. */
export type TTowerRun = Omit<TRunSnapshot, "timeline" | "comms" | "decisions">;

export type TTowerRowFacts = {
  light: TStatusLight;
  /** The phase being worked through, or the status when it has none ("Go / No-Go"). */
  phase: string;
  rolloutPercent: number;
  /** Checklist items done or skipped, of all (recurring checks are rounds, not items). */
  checklist: { done: number; total: number };
  /** Rollback recommendations nobody has decided on. */
  openAlerts: number;
  /** Gating rules that cannot vouch for the stage (no data, no canary). */
  unverifiedRules: number;
  /** "Round 2: 3 of 4 answers", "PROCEED", "RESCHEDULE", or null before go/no-go. */
  goNoGo: string | null;
  lead: string | null;
  plannedEnd: number;
  /** Now plus the budgets left; null once the run is over or before it starts. */
  estimatedEnd: number | null;
  /** How far the estimate runs past the planned end (0 when on time). */
  lateByMs: number;
};

const MINUTE_MS = 60_000;

export function towerRowFacts(run: TTowerRun, now: Date): TTowerRowFacts {
  const plannedEnd = Date.parse(run.plannedStart) + run.plannedDurationMin * MINUTE_MS;
  const isUnderWay = run.startedAt !== null && !isTerminal(run.status);
  const estimatedEnd = isUnderWay
    ? estimatedFinish(
        run.phases.map((p) => ({ budgetMaxMinutes: p.budgetMaxMinutes, startedAt: p.startedAt ? new Date(p.startedAt) : null, completedAt: p.completedAt ? new Date(p.completedAt) : null })),
        now,
      ).getTime()
    : null;
  const stage = verifiedStage({ status: run.status, rolloutPercent: run.rolloutPercent });
  const unverifiedRules = stage ? judgedRules(run.metrics, now.getTime()).filter((r) => isGatingNow(r) && r.state.status === "inconclusive").length : 0;
  const phase = currentPhase(run) ?? (isTerminal(run.status) ? null : lastStartedPhase(run));
  return {
    light: statusLight(run, now),
    phase: run.status === "go_no_go" || !phase ? STATUS_LABELS[run.status] : phase.title,
    rolloutPercent: run.rolloutPercent,
    checklist: progress(allItems(run)),
    openAlerts: recommendationsToDecide(run.metrics, run.status).length,
    unverifiedRules,
    goNoGo: goNoGoWords(run),
    lead: run.roles.find((r) => r.role === "deployment_lead")?.userName ?? null,
    plannedEnd,
    estimatedEnd,
    lateByMs: estimatedEnd === null ? 0 : Math.max(0, estimatedEnd - plannedEnd),
  };
}

/** The roll call in a few words: the latest round since the run entered go/no-go. */
function goNoGoWords(run: TTowerRun): string | null {
  const round = latestCurrentRound(run.goNoGo);
  if (!round) return run.status === "go_no_go" ? "Poll not opened" : null;
  const decision = decisionOf(round);
  if (decision) return decision.isOverridden ? "PROCEED (overridden)" : OUTCOME_WORDS[decision.outcome];
  const evaluation = evaluatePoll(round);
  return `Round ${round.round}: ${evaluation.answered} of ${evaluation.total} answers`;
}

/** A planned window on the tower and the calendar: the run, its window, and what it clashes with. */
export type TPlannedRun = {
  id: string;
  name: string;
  service: string;
  status: TRunSnapshot["status"];
  start: string;
  end: string;
  leadName: string | null;
  conflicts: TWindowConflict[];
};

/** Which of the board's runs are under way now and which are today's, already over or still to come. */
export function towerGroup(run: Pick<TTowerRun, "status" | "startedAt">): "active" | "today" {
  return run.startedAt !== null && !isTerminal(run.status) && run.status !== "rescheduled" ? "active" : "today";
}

/** A freeze on the tower: its current or next window within the week ahead. */
export type TTowerFreeze = { freeze: TFreezeView; start: string; end: string; isActive: boolean };

/** Everything /now shows, read in one go; `at` is when it was read. */
export type TTowerBoard = {
  at: string;
  runs: (TTowerRun & { conflicts: TWindowConflict[] })[];
  upcoming: TPlannedRun[];
  locks: TLockView[];
  freezes: TTowerFreeze[];
};

/** How far ahead the tower looks for windows and freezes. */
export const TOWER_HORIZON_MS = 7 * 24 * 60 * 60_000;

/** The freezes holding now or starting within the horizon, the soonest first. */
export function towerFreezes(freezes: readonly TFreezeView[], now: number): TTowerFreeze[] {
  const shown: TTowerFreeze[] = [];
  for (const freeze of freezes) {
    const next = freezeWindowsBetween(freeze, now, now + TOWER_HORIZON_MS)[0];
    if (next) shown.push({ freeze, start: new Date(next.start).toISOString(), end: new Date(next.end).toISOString(), isActive: next.start <= now });
  }
  return shown.sort((a, b) => a.start.localeCompare(b.start));
}
