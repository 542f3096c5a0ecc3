// "Checkpoint held while “Error rate > 1%” is firing": why a rollout step's countdown is not running.
import { checkpointBlockers, RULE_STATE_LABELS } from "@/lib/domain/metric-rules";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";

/** The rules holding the rollout checkpoint, or null when it is not held by the metrics. */
export function checkpointHold(snapshot: Pick<TRunSnapshot, "status" | "rolloutPercent" | "checkpointStartedAt" | "metrics">): string | null {
  if (snapshot.status !== "production" || snapshot.rolloutPercent === 0 || snapshot.checkpointStartedAt) return null;
  const blockers = checkpointBlockers(snapshot.metrics.rules);
  if (blockers.length === 0) return null;
  const first = `“${blockers[0].label}” is ${RULE_STATE_LABELS[blockers[0].state].toLowerCase()}`;
  return blockers.length > 1 ? `${first} (and ${blockers.length - 1} more)` : first;
}

export function CheckpointHold({ text, tone }: { text: string; tone: "light" | "dark" }) {
  return tone === "light" ? (
    <p className="mt-2 text-sm font-semibold text-amber-900" data-testid="checkpoint-held">
      ⏸ Checkpoint held while {text}: the countdown restarts when the metrics are green.
    </p>
  ) : (
    <div data-testid="bridge-checkpoint-held">
      <p className="text-3xl font-semibold text-amber-300">⏸ Checkpoint held</p>
      <p className="truncate text-2xl text-slate-300">while {text}</p>
    </div>
  );
}
