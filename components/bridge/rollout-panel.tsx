import { checkpoint } from "@/lib/domain/rollout";
import { formatCountdown } from "@/lib/domain/time-format";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import { Panel } from "./panel";
import { CheckpointHold, checkpointHold } from "@/components/metrics/checkpoint-hold";
import { BridgeComparisons } from "@/components/metrics/bridge-comparisons";

/** Canary → 50% → 100%: where traffic stands and how long the current checkpoint has left. */
export function RolloutPanel({ snapshot, now }: { snapshot: TRunSnapshot; now: Date }) {
  const { rolloutSteps: steps, rolloutPercent: percent } = snapshot;
  const isRolledBack = snapshot.status === "rolled_back";
  // After a rollback the old step's countdown means nothing: show where it stopped instead.
  const cp = isRolledBack
    ? null
    : checkpoint(steps, { percent, checkpointStartedAt: snapshot.checkpointStartedAt ? new Date(snapshot.checkpointStartedAt) : null }, now);
  const isLastStep = steps.length > 0 && steps[steps.length - 1].percent === percent;
  const hold = checkpointHold(snapshot, now);
  const caption = isRolledBack ? "Rolled back" : cp ? cp.step.label : percent === 0 ? "Not started" : "";
  return (
    <Panel label="Rollout" testId="bridge-rollout" className="flex flex-col gap-3">
      <div className="flex items-baseline gap-6">
        <p
          className={`text-8xl leading-none font-black tabular-nums ${isRolledBack ? "text-slate-500 line-through" : "text-white"}`}
          data-testid="bridge-rollout-percent"
        >
          {percent}%
        </p>
        <p className="text-3xl font-semibold text-slate-300">{caption}</p>
      </div>
      <ol className="flex gap-3" aria-label="Rollout steps">
        {steps.map((step) => {
          const isReached = !isRolledBack && percent >= step.percent;
          return (
            <li
              key={step.percent}
              className={`flex-1 rounded-lg py-1.5 text-center text-2xl font-bold ${isReached ? "bg-sky-400 text-slate-950" : "border-2 border-slate-600 text-slate-400"}`}
            >
              {isReached && <span aria-hidden="true">✓ </span>}
              {step.percent}%
            </li>
          );
        })}
      </ol>
      {cp && <CheckpointLine remainingMs={cp.remainingMs} checkpointText={cp.step.checkpoint} isLastStep={isLastStep} />}
      {!isRolledBack && <BridgeComparisons rules={snapshot.metrics.rules} />}
      {!isRolledBack && hold && <CheckpointHold reasons={hold} tone="dark" />}
    </Panel>
  );
}

function CheckpointLine({ remainingMs, checkpointText, isLastStep }: { remainingMs: number; checkpointText: string; isLastStep: boolean }) {
  if (remainingMs === 0) {
    return (
      <p className="text-3xl font-semibold text-emerald-300" data-testid="bridge-checkpoint">
        <span aria-hidden="true">✓ </span>
        {isLastStep ? "Checkpoint green: rollout complete" : "Checkpoint green: ready for the next step"}
      </p>
    );
  }
  return (
    <div data-testid="bridge-checkpoint">
      <p className="text-2xl text-slate-300">
        Checkpoint <span className="font-mono text-6xl font-bold text-white tabular-nums">{formatCountdown(remainingMs)}</span> left
      </p>
      <p className="truncate text-2xl text-slate-400">{checkpointText}</p>
    </div>
  );
}
