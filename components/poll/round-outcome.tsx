// A round's outcome in words: forming while the roll call runs, frozen once closed, with every NO-GO
// reason, and an override shown as loudly as the outcome it overrode.
import { listWords, type TPollEvaluation, type TPollRound } from "@/lib/domain/go-no-go";
import { decisionOf } from "@/lib/domain/go-no-go-rules";
import { formatUtcClock } from "@/lib/domain/time-format";
import { positionLabel } from "@/lib/domain/run-roles";
import { OUTCOME_LOOK, type TFormingOutcome } from "./look";
import { UserText } from "@/components/ui/user-text";

export function formingOutcome(round: TPollRound, evaluation: TPollEvaluation): TFormingOutcome {
  const decision = decisionOf(round);
  if (decision) return decision.isOverridden ? "overridden" : decision.outcome;
  return evaluation.outcome;
}

export function RoundOutcome({ round, evaluation }: { round: TPollRound; evaluation: TPollEvaluation }) {
  const outcome = formingOutcome(round, evaluation);
  const look = OUTCOME_LOOK[outcome];
  const isOpen = round.status === "open";
  return (
    <div className="space-y-2" data-testid="poll-outcome" data-outcome={outcome} data-status={round.status}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <p role="status" aria-live="polite" className={`rounded-md px-4 py-2 text-2xl font-black tracking-wide ${look.light}`}>
          {look.icon && <span aria-hidden="true">{look.icon} </span>}
          {look.word}
          {isOpen && outcome !== "pending" && <span className="ml-2 text-base font-semibold">(forming)</span>}
        </p>
        <p className="text-sm text-slate-800">
          {isOpen ? (
            <>
              {evaluation.answered} of {evaluation.total} answers in
              {evaluation.pendingPositions.length > 0 && <> · waiting for <strong>{listWords(evaluation.pendingPositions.map(positionLabel))}</strong></>}
              {evaluation.pendingPositions.length === 0 && <> · everyone has answered: a lead can close the poll</>}
            </>
          ) : (
            <>Closed {round.closedAt && formatUtcClock(round.closedAt)} by <UserText>{round.closedByName}</UserText></>
          )}
        </p>
      </div>
      {round.override && (
        <div role="note" className="rounded-md border-2 border-amber-500 bg-amber-50 px-3 py-2 text-amber-950" data-testid="poll-override">
          <p className="font-bold">
            <span aria-hidden="true">⚠ </span>RESCHEDULE overridden to PROCEED by <UserText>{round.override.byName}</UserText> at {formatUtcClock(round.override.at)}
          </p>
          <p className="mt-1">Reason: “<UserText>{round.override.reason}</UserText>”</p>
        </div>
      )}
      {evaluation.reasons.length > 0 && (
        <div className="rounded-md border border-red-300 bg-red-50 px-3 py-2" data-testid="poll-reasons">
          <p className="font-semibold text-red-900">NO-GO {evaluation.reasons.length === 1 ? "reason" : "reasons"}</p>
          <ul className="mt-1 space-y-0.5 text-sm text-red-950">
            {evaluation.reasons.map((r) => (
              <li key={`${r.position}-${r.questionIndex}`}>
                <strong>{positionLabel(r.position)}</strong> on “<UserText>{r.question}</UserText>”: <UserText>{r.reason}</UserText> <span className="text-red-800">(<UserText>{r.voterName}</UserText>)</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {round.decision && (
        <p className="text-xs text-slate-700" data-testid="poll-frozen-context">
          Recorded at close: checklist {round.decision.context.checklist.done} of {round.decision.context.checklist.total} done
          {round.decision.context.checklist.failed > 0 && `, ${round.decision.context.checklist.failed} failed`} · rollout {round.decision.context.rolloutPercent}% ·{" "}
          {round.decision.metrics
            ? round.decision.metrics.map((m) => `${m.label} ${m.value}${m.unit}`).join(", ")
            : "no metric values (none were reported for this run)"}
        </p>
      )}
    </div>
  );
}
