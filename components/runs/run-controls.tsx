"use client";
import { useState } from "react";
import { isTerminal, nextForwardStatus, STATUS_LABELS, type TRunStatus } from "@/lib/domain/run-status";
import { Button } from "@/components/ui/button";

type TProps = {
  status: TRunStatus;
  onMove: (to: TRunStatus, reason?: string) => void;
  isBusy: boolean;
};

const DEPLOYED: TRunStatus[] = ["production", "validation", "monitoring"];

/** Lead controls: the next step of the run, and the exits (abort, roll back, reschedule). */
export function RunControls({ status, onMove, isBusy }: TProps) {
  const [exit, setExit] = useState<TRunStatus | null>(null);
  const [reason, setReason] = useState("");
  if (isTerminal(status)) return null;
  const next = status === "rescheduled" ? "planned" : nextForwardStatus(status);
  const exits: TRunStatus[] = DEPLOYED.includes(status) ? ["rolled_back", "aborted"] : status === "rescheduled" ? ["aborted"] : ["rescheduled", "aborted"];
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="run-controls">
      {next && (
        <Button disabled={isBusy} onClick={() => onMove(next)}>
          {status === "planned" ? "Start deployment" : `Move to ${STATUS_LABELS[next]}`} →
        </Button>
      )}
      {exits.map((to) => (
        <Button key={to} variant={to === "rolled_back" ? "danger" : "secondary"} disabled={isBusy} onClick={() => setExit(to)}>
          {to === "rolled_back" ? "⟲ Roll back" : to === "aborted" ? "Abort" : "Reschedule"}
        </Button>
      ))}
      {exit && (
        <form
          className="flex w-full gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            onMove(exit, reason.trim() || undefined);
            setExit(null);
            setReason("");
          }}
        >
          <label htmlFor="exit-reason" className="sr-only">Reason</label>
          <input
            id="exit-reason"
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={`Why ${STATUS_LABELS[exit].toLowerCase()}? (required)`}
            className="flex-1 rounded-md border border-slate-400 px-2 py-1 text-sm"
          />
          <Button type="submit" variant="danger" disabled={exit !== "rescheduled" && !reason.trim()}>
            Confirm: {STATUS_LABELS[exit]}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setExit(null)}>Cancel</Button>
        </form>
      )}
    </div>
  );
}
