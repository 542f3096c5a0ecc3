"use client";
import { useState } from "react";
import { canRollBack, isTerminal, nextForwardStatus, STATUS_LABELS, type TRunStatus } from "@/lib/domain/run-status";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RollBackButton } from "./roll-back";

type TProps = {
  status: TRunStatus;
  runName: string;
  /** Moves the run; resolves to the refusal to show, or null once moved. */
  onMove: (to: TRunStatus, reason?: string) => Promise<string | null>;
  isBusy: boolean;
  /** A rollback trigger is firing undecided: moving on is not the obvious next step, so it is not the primary button. */
  isRollbackRecommended?: boolean;
};

type TExit = "aborted" | "rescheduled";

/** What each exit does, said before it is done. */
const EXITS: Record<TExit, { label: string; title: (name: string) => string; consequences: string[]; confirm: string; isReasonRequired: boolean }> = {
  aborted: {
    label: "Abort…",
    title: (name) => `Abort “${name}”?`,
    consequences: [
      "The run ends now as Aborted: no more checklist, rollout steps or votes.",
      "The war room, the bridge and every status link show it at once.",
      "It cannot be restarted: a new attempt is a new run.",
    ],
    confirm: "Abort the run",
    isReasonRequired: true,
  },
  rescheduled: {
    label: "Reschedule…",
    title: (name) => `Reschedule “${name}”?`,
    consequences: [
      "The run stops where it is and waits as Rescheduled; its checklist is kept.",
      "A lead moves it back to Planned when the new window comes.",
    ],
    confirm: "Reschedule",
    isReasonRequired: false,
  },
};

/** Lead controls: the next step of the run (the primary action), roll back once traffic is on the new version, and the other exits. */
export function RunControls({ status, runName, onMove, isBusy, isRollbackRecommended = false }: TProps) {
  const [exit, setExit] = useState<TExit | null>(null);
  if (isTerminal(status)) return null;
  const next = status === "rescheduled" ? "planned" : nextForwardStatus(status);
  const exits: TExit[] = canRollBack(status) ? ["aborted"] : status === "rescheduled" ? ["aborted"] : ["rescheduled", "aborted"];
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="run-controls">
      {next && (
        <Button variant={isRollbackRecommended ? "secondary" : "primary"} disabled={isBusy} onClick={() => void onMove(next)}>
          {status === "planned" ? "Start deployment" : `Move to ${STATUS_LABELS[next]}`} →
        </Button>
      )}
      {canRollBack(status) && <RollBackButton runName={runName} disabled={isBusy} onRollBack={(reason) => onMove("rolled_back", reason)} />}
      {exits.map((to) => (
        <Button key={to} variant="secondary" className="!px-3" disabled={isBusy} onClick={() => setExit(to)}>
          {EXITS[to].label}
        </Button>
      ))}
      {exit && (
        <ConfirmDialog
          testId={`${exit}-dialog`}
          title={EXITS[exit].title(runName)}
          consequences={EXITS[exit].consequences}
          confirmLabel={EXITS[exit].confirm}
          tone={exit === "aborted" ? "danger" : "primary"}
          reason={{ label: `Why ${STATUS_LABELS[exit].toLowerCase()}? (on the record)`, isRequired: EXITS[exit].isReasonRequired }}
          onConfirm={(reason) => onMove(exit, reason || undefined)}
          onClose={() => setExit(null)}
        />
      )}
    </div>
  );
}
