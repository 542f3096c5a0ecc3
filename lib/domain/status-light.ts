// The bridge screen's one-glance verdict. Pure: the clock is passed in so the light can be tested at
// the exact budget boundary and re-evaluated every second on screen.
import { type TGoNoGoState } from "./go-no-go";
import { runGuardLines, type TRunGuards } from "./guard-events";
import { goNoGoLight } from "./go-no-go-rules";
import { type TRunMetrics } from "./metric-events";
import { metricsLight } from "./metric-recommendations";
import { recurringState } from "./recurring-checks";
import { judgedRules, verifiedStage } from "./rule-semantics";
import { allItems, isRecurring, type TRunSnapshot } from "./run-snapshot";
import { PHASE_OF_STATUS } from "./run-status";
import { overrunMs } from "./schedule";
import { formatDuration, formatUtcMinute } from "./time-format";
import { verdictLight } from "./verdict-light";

export type TStatusLightState = "on_track" | "attention" | "rollback";
/**
 * `word` overrides the state's word: UNVERIFIED (attention because nothing verifies the stage), and
 * how a finished run ended (ROLLED BACK, ABORTED, COMPLETED), which is history rather than a verdict.
 */
export type TStatusLight = { state: TStatusLightState; reason: string; word?: string };

/** The light in a word and an icon, the same on the war room and the bridge (the status page has plainer words). */
export const STATUS_LIGHT_WORDS: Record<TStatusLightState, { word: string; icon: string }> = {
  on_track: { word: "ON TRACK", icon: "✓" },
  attention: { word: "ATTENTION", icon: "⚠" },
  rollback: { word: "ROLLBACK", icon: "⟲" },
};

type TLightInput = Pick<TRunSnapshot, "status" | "phases"> & {
  goNoGo?: TGoNoGoState;
  metrics?: TRunMetrics;
  rolloutPercent?: number;
  endedAt?: string | null;
  /** The run's service and the locks and freezes on it (with the run's override): LOCKED / FROZEN. */
  service?: string;
  guards?: TRunGuards;
};

/** The icons of the words that override a state's (the others keep their state's icon). */
const WORD_ICONS: Record<string, string> = { UNVERIFIED: "?", "ROLLED BACK": "⟲", ABORTED: "■", COMPLETED: "✓", LOCKED: "🔒", FROZEN: "❄" };

/** The words of a light held by a lock or freeze (the status page says "Paused" instead). */
export const GUARD_WORDS = ["LOCKED", "FROZEN"] as const;

/** Where a lock or freeze stops the run: at go/no-go (promotion is next) and while traffic moves. */
const GUARDED_STATUSES: readonly TRunSnapshot["status"][] = ["go_no_go", "production"];

/**
 * LOCKED or FROZEN while a lock or freeze the run has not overridden holds it where it would deploy:
 * its pipeline's gate says no_go, so the light must not say ON TRACK. A lock outranks a freeze in the
 * word (someone chose to stop it); the reason names every one that holds.
 */
function guardLight(snapshot: TLightInput, now: Date): TStatusLight | null {
  if (!snapshot.service || !GUARDED_STATUSES.includes(snapshot.status)) return null;
  const holding = runGuardLines(snapshot.service, snapshot.guards, now.getTime()).filter((line) => !line.isOverridden);
  if (holding.length === 0) return null;
  const word = holding.some((line) => line.source === "lock") ? "LOCKED" : "FROZEN";
  return { state: "attention", word, reason: holding.map((line) => line.message).join(" · ") };
}

/** The light's word and icon: its own word (UNVERIFIED with a question mark, an ending), or its state's. */
export function lightWords(light: TStatusLight): { word: string; icon: string } {
  if (light.word) return { word: light.word, icon: WORD_ICONS[light.word] ?? STATUS_LIGHT_WORDS[light.state].icon };
  return STATUS_LIGHT_WORDS[light.state];
}

/** The phase the run was last working through: the latest one that started. */
export function lastStartedPhase<T extends TLightInput>(snapshot: T): T["phases"][number] | null {
  return snapshot.phases.filter((p) => p.startedAt).at(-1) ?? null;
}

/**
 * A finished run's light says how it ended and where, once: "ROLLED BACK · from 10% of production
 * traffic · 14:32 UTC" (the word is the ending, so the reason never repeats it).
 */
function endedLight(snapshot: TLightInput): TStatusLight | null {
  const at = snapshot.endedAt ? ` · ${formatUtcMinute(snapshot.endedAt)}` : "";
  const percent = snapshot.rolloutPercent ?? 0;
  const phase = lastStartedPhase(snapshot);
  switch (snapshot.status) {
    case "rolled_back":
      return { state: "rollback", word: "ROLLED BACK", reason: `${percent > 0 ? `From ${percent}% of production traffic` : "Before any production traffic"}${at}` };
    case "aborted":
      return { state: "attention", word: "ABORTED", reason: `${phase ? `During ${phase.title}` : "Before it started"}${at}` };
    case "completed":
      return { state: "on_track", word: "COMPLETED", reason: `${percent > 0 ? `${percent}% of production traffic on the new version` : "Deployment complete"}${at}` };
    default:
      return null;
  }
}

/** The phase the run's status is working through, if that status has one (go/no-go does not). */
export function currentPhase<T extends TLightInput>(snapshot: T): T["phases"][number] | null {
  const key = PHASE_OF_STATUS[snapshot.status];
  return (key && snapshot.phases.find((p) => p.key === key)) || null;
}

export function statusLight(snapshot: TLightInput, now: Date): TStatusLight {
  // The end states outrank everything else: a rolled-back run's failed items (and its rules, frozen at
  // their final states) are old news.
  const ended = endedLight(snapshot);
  if (ended) return ended;

  // A firing rollback trigger outranks everything a person can still fix by ticking.
  const metrics = metricsLight(snapshot.metrics, now);
  if (metrics) return metrics;

  // A lock or freeze stops the deployment whatever the checklist says: the gate holds it.
  const guarded = guardLight(snapshot, now);
  if (guarded) return guarded;

  // While traffic is on the new version, only fresh data can say ON TRACK: a silent feed is UNVERIFIED.
  const stage = verifiedStage({ status: snapshot.status, rolloutPercent: snapshot.rolloutPercent ?? 0 });
  const verdict = snapshot.metrics ? verdictLight({ stage, rules: judgedRules(snapshot.metrics, now.getTime()), now: now.getTime() }) : null;
  if (verdict) return verdict;

  const failed = allItems(snapshot).filter((i) => i.state === "failed");
  if (failed.length === 1) return { state: "attention", reason: `Failed: “${failed[0].text}”` };
  if (failed.length > 1) return { state: "attention", reason: `${failed.length} items failed` };

  // At go/no-go there is no phase clock: the roll call is the news.
  const poll = snapshot.status === "go_no_go" && snapshot.goNoGo ? goNoGoLight(snapshot.goNoGo) : null;
  if (poll) return poll;

  const phase = currentPhase(snapshot);
  const overdue = phase ? overdueCheck(phase, now) : null;
  if (overdue) return { state: "attention", reason: overdue };
  if (phase) {
    const over = overrunMs(
      {
        budgetMaxMinutes: phase.budgetMaxMinutes,
        startedAt: phase.startedAt ? new Date(phase.startedAt) : null,
        completedAt: phase.completedAt ? new Date(phase.completedAt) : null,
      },
      now,
    );
    // Round up so 1 ms over reads "0:01 over", never "0:00 over".
    const shown = formatDuration(Math.ceil(over / 1000) * 1000);
    if (over > 0) return { state: "attention", reason: `${phase.title} is ${shown} over budget` };
  }
  return { state: "on_track", reason: "No failures, within budget" };
}

/** "Every 5 Minutes check overdue by 1:20" for the most overdue recurring check of a phase, if any. */
function overdueCheck(phase: TLightInput["phases"][number], now: Date): string | null {
  let worst: { title: string; overdueMs: number } | null = null;
  for (const section of phase.sections) {
    if (!isRecurring(section)) continue;
    const state = recurringState(
      { intervalMinutes: section.intervalMinutes!, phaseStartedAt: phase.startedAt, phaseCompletedAt: phase.completedAt, rounds: section.rounds },
      now,
    );
    if (state.kind === "overdue" && (!worst || state.overdueMs > worst.overdueMs)) worst = { title: section.title, overdueMs: state.overdueMs };
  }
  return worst ? `“${worst.title}” check overdue by ${formatDuration(Math.ceil(worst.overdueMs / 1000) * 1000)}` : null;
}
