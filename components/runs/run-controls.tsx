"use client";
import { useState } from "react";
import { canRollBack, isTerminal, nextForwardStatus, STATUS_LABELS, type TRunStatus } from "@/lib/domain/run-status";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { WindowConflictsNote, type TWindowDraft } from "@/components/calendar/window-conflicts-note";
import { formatUtcDateTime } from "@/lib/domain/time-format";
import { RollBackButton } from "./roll-back";

type TProps = {
  status: TRunStatus;
  runName: string;
  /** The run's planned window: a reschedule picks a new start, checked for conflicts as it is picked. */
  window: Omit<TWindowDraft, "plannedStart"> & { plannedStart: string };
  /** Moves the run; resolves to the refusal to show, or null once moved. */
  onMove: (to: TRunStatus, reason?: string, plannedStart?: string) => Promise<string | null>;
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
      "The run stops where it is and waits as Rescheduled at its new planned start; its checklist is kept.",
      "A lead moves it back to Planned when the new window comes.",
    ],
    confirm: "Reschedule",
    isReasonRequired: false,
  },
};

/** Lead controls: the next step of the run (the primary action), roll back once traffic is on the new version, and the other exits. */
export function RunControls({ status, runName, window, onMove, isBusy, isRollbackRecommended = false }: TProps) {
  const [exit, setExit] = useState<TExit | null>(null);
  const [newStart, setNewStart] = useState("");
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
          onConfirm={(reason) => onMove(exit, reason || undefined, exit === "rescheduled" ? newStart || undefined : undefined)}
          onClose={() => setExit(null)}
        >
          {exit === "rescheduled" && <NewWindowField window={window} value={newStart} onChange={setNewStart} />}
        </ConfirmDialog>
      )}
    </div>
  );
}

/** datetime-local has no zone: the browser knows the person's, so it turns it into an instant. */
const localToIso = (local: string) => {
  const date = new Date(local);
  return local && !Number.isNaN(date.getTime()) ? date.toISOString() : "";
};

/** The reschedule's new planned start (blank keeps the current one), checked for conflicts as it is picked. */
function NewWindowField({ window, value, onChange }: { window: TProps["window"]; value: string; onChange: (iso: string) => void }) {
  return (
    <div className="space-y-2">
      <label className="block text-sm font-semibold text-slate-900">
        New planned start <span className="font-normal text-slate-600">(your local time; now {formatUtcDateTime(window.plannedStart)})</span>
        <input type="datetime-local" data-testid="reschedule-start" onChange={(e) => onChange(localToIso(e.target.value))} className="mt-1 block w-full rounded-md border border-slate-400 px-2 py-1 font-normal" />
      </label>
      {value && <WindowConflictsNote draft={{ ...window, plannedStart: value }} />}
    </div>
  );
}
