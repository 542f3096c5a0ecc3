"use client";
// What a lead can do with the current round: close it, and after a RESCHEDULE reschedule the run with
// a new window, override to PROCEED with a written reason, or reopen the poll as a new round.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { evaluatePoll, listWords, type TPollRound } from "@/lib/domain/go-no-go";
import { decisionOf, MIN_OVERRIDE_REASON } from "@/lib/domain/go-no-go-rules";
import { positionLabel } from "@/lib/domain/run-roles";
import { WindowConflictsNote, type TWindowDraft } from "@/components/calendar/window-conflicts-note";

type TProps = {
  round: TPollRound;
  isBusy: boolean;
  /** Closes the round; resolves to the refusal to show, or null once closed. */
  onClose: () => Promise<string | null>;
  onReopen: () => void;
  onOverride: (reason: string) => Promise<boolean>;
  onReschedule: (plannedStart: string, reason: string) => Promise<boolean>;
  /** The run's window but its start: the new start is checked for conflicts as it is picked. */
  window: Omit<TWindowDraft, "plannedStart">;
};

type TForm = "override" | "reschedule" | null;

/** datetime-local has no zone: the browser knows the person's, so it turns it into an instant. */
const localToIso = (local: string) => {
  const date = new Date(local);
  return local && !Number.isNaN(date.getTime()) ? date.toISOString() : "";
};

export function LeadActions({ round, isBusy, onClose, onReopen, onOverride, onReschedule, window }: TProps) {
  const [form, setForm] = useState<TForm>(null);
  const evaluation = evaluatePoll(round);
  const decision = decisionOf(round);
  const defaultReason = `Go/No-Go round ${round.round}: RESCHEDULE (${evaluation.reasons.map((r) => `${positionLabel(r.position)}: ${r.reason}`).join("; ")})`;
  const [overrideReason, setOverrideReason] = useState("");
  const [rescheduleReason, setRescheduleReason] = useState(defaultReason.slice(0, 1000));
  const [plannedLocal, setPlannedLocal] = useState("");
  const [isConfirmingClose, setIsConfirmingClose] = useState(false);
  const plannedIso = localToIso(plannedLocal);

  if (round.status === "open") {
    const pending = evaluation.pendingPositions;
    const noGo = evaluation.reasons.length;
    return (
      <div className="flex flex-wrap items-center gap-3" data-testid="poll-lead-actions">
        <Button onClick={() => setIsConfirmingClose(true)} disabled={isBusy || pending.length > 0} aria-describedby="poll-close-hint">
          Close the poll…
        </Button>
        <span id="poll-close-hint" className="text-sm text-slate-700">
          {pending.length > 0 ? `Closes once ${listWords(pending.map(positionLabel))} ${pending.length === 1 ? "has" : "have"} answered every question.` : "Everyone has answered."}
        </span>
        {isConfirmingClose && (
          <ConfirmDialog
            testId="close-poll-dialog"
            title={`Close round ${round.round} of the Go/No-Go poll?`}
            consequences={[
              "Answers are final: nobody can change theirs in this round.",
              evaluation.outcome === "proceed"
                ? "The outcome is PROCEED: production unlocks, and a lead moves the run on."
                : `The outcome is RESCHEDULE (${noGo} NO-GO ${noGo === 1 ? "answer" : "answers"}): production stays locked until you reschedule, reopen the poll or override with a written reason.`,
              "The roll call goes on the record as it stands, with who held each position.",
            ]}
            confirmLabel="Close the poll"
            tone="primary"
            onConfirm={onClose}
            onClose={() => setIsConfirmingClose(false)}
          />
        )}
      </div>
    );
  }

  const isReschedule = decision?.outcome === "reschedule";
  return (
    <div className="space-y-3" data-testid="poll-lead-actions">
      <div className="flex flex-wrap gap-2">
        {isReschedule && (
          <>
            <Button variant="danger" disabled={isBusy} onClick={() => setForm(form === "reschedule" ? null : "reschedule")} aria-expanded={form === "reschedule"}>
              Reschedule the run…
            </Button>
            <Button variant="secondary" disabled={isBusy} onClick={() => setForm(form === "override" ? null : "override")} aria-expanded={form === "override"}>
              Override to PROCEED…
            </Button>
          </>
        )}
        <Button variant="secondary" disabled={isBusy} onClick={onReopen}>
          Reopen as round {round.round + 1}
        </Button>
      </div>
      {form === "reschedule" && (
        <form
          aria-label="Reschedule the run"
          className="grid gap-2 rounded-md border border-red-300 bg-red-50 p-3 md:grid-cols-[14rem_minmax(0,1fr)_auto]"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await onReschedule(plannedIso, rescheduleReason.trim())) setForm(null);
          }}
        >
          <label className="text-sm font-semibold text-slate-900">
            New planned start
            <input
              type="datetime-local"
              required
              value={plannedLocal}
              onChange={(e) => setPlannedLocal(e.target.value)}
              className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-2 py-1 font-normal"
            />
          </label>
          <label className="text-sm font-semibold text-slate-900">
            Reason (on the record)
            <input
              required
              maxLength={1000}
              value={rescheduleReason}
              onChange={(e) => setRescheduleReason(e.target.value)}
              className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-2 py-1 font-normal"
            />
          </label>
          <Button type="submit" variant="danger" className="self-end" disabled={isBusy || !plannedIso || !rescheduleReason.trim()}>
            Confirm: reschedule
          </Button>
          {plannedIso && <div className="md:col-span-3"><WindowConflictsNote draft={{ ...window, plannedStart: plannedIso }} /></div>}
        </form>
      )}
      {form === "override" && (
        <form
          aria-label="Override to PROCEED"
          className="space-y-2 rounded-md border-2 border-amber-500 bg-amber-50 p-3"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await onOverride(overrideReason.trim())) setForm(null);
          }}
        >
          <label htmlFor="override-reason" className="block text-sm font-semibold text-amber-950">
            Why proceed despite the NO-GO? This is recorded prominently, with your name.
          </label>
          <textarea
            id="override-reason"
            required
            rows={2}
            maxLength={1000}
            value={overrideReason}
            onChange={(e) => setOverrideReason(e.target.value)}
            className="block w-full rounded-md border border-amber-500 bg-white px-2 py-1"
          />
          <div className="flex items-center gap-3">
            <Button type="submit" variant="danger" disabled={isBusy || overrideReason.trim().length < MIN_OVERRIDE_REASON}>
              Override: PROCEED
            </Button>
            <span className="text-sm text-amber-950">At least {MIN_OVERRIDE_REASON} characters.</span>
          </div>
        </form>
      )}
    </div>
  );
}
