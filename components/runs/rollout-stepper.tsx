"use client";
import { checkpoint } from "@/lib/domain/rollout";
import { formatCountdown } from "@/lib/domain/time-format";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import { Button } from "@/components/ui/button";
import { CheckpointHold, checkpointHold } from "@/components/metrics/checkpoint-hold";
import { UserText } from "@/components/ui/user-text";
import { RolloutOverride } from "./rollout-override";

type TProps = { snapshot: TRunSnapshot; now: Date; canControl: boolean; onAdvance: (overrideReason?: string) => Promise<boolean> };

/** Canary 10% → 50% → 100%, each step held for its "metrics green" checkpoint. */
export function RolloutStepper({ snapshot, now, canControl, onAdvance }: TProps) {
  const steps = snapshot.rolloutSteps;
  const cp = checkpoint(steps, { percent: snapshot.rolloutPercent, checkpointStartedAt: snapshot.checkpointStartedAt ? new Date(snapshot.checkpointStartedAt) : null }, now);
  const nextIndex = snapshot.rolloutPercent === 0 ? 0 : steps.findIndex((s) => s.percent === snapshot.rolloutPercent) + 1;
  const next = steps[nextIndex];
  const isInProduction = snapshot.status === "production";
  const hold = checkpointHold(snapshot, now);
  const isBlocked = Boolean(cp && !cp.isElapsed) || hold !== null;
  return (
    <div className="mt-3 rounded-md border border-slate-300 bg-white p-4" data-testid="rollout-stepper">
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-lg font-bold text-slate-900">
          Rollout: <span data-testid="rollout-percent">{snapshot.rolloutPercent}%</span>
        </p>
        <ol className="flex gap-2" aria-label="Rollout steps">
          {steps.map((step) => {
            const isReached = snapshot.rolloutPercent >= step.percent;
            return (
              <li key={step.percent} className={`rounded-full px-3 py-1 text-sm font-semibold ${isReached ? "bg-emerald-700 text-white" : "bg-slate-200 text-slate-700"}`}>
                {isReached ? "✓ " : ""}{step.percent}% <UserText>{step.label}</UserText>
              </li>
            );
          })}
        </ol>
        {canControl && next && (
          <Button className="ml-auto" disabled={!isInProduction || isBlocked} onClick={() => void onAdvance()}>
            Step to {next.percent}%
          </Button>
        )}
      </div>
      {cp && (
        <p className={`mt-2 text-sm font-semibold ${cp.isElapsed ? "text-emerald-800" : "text-slate-800"}`} data-testid="rollout-checkpoint">
          <UserText>{cp.step.checkpoint}</UserText>: {cp.isElapsed ? "checkpoint reached" : `${formatCountdown(cp.remainingMs)} left`}
        </p>
      )}
      {hold && <CheckpointHold reasons={hold} tone="light" />}
      {hold && canControl && next && <RolloutOverride nextPercent={next.percent} onAdvance={onAdvance} />}
      {!isInProduction && <p className="mt-2 text-sm text-slate-700">The rollout opens when the run reaches the production phase.</p>}
    </div>
  );
}
