"use client";
// The war room's Go/No-Go panel: a lead opens the poll, each position holder answers live, everyone
// sees the roll call and the outcome forming; then a lead closes, overrides, reschedules or reopens.
// Earlier rounds stay below, collapsed, exactly as they were recorded.
import { useEffect, useRef, useState } from "react";
import { evaluatePoll, type TPollRound } from "@/lib/domain/go-no-go";
import { latestCurrentRound, productionRefusal } from "@/lib/domain/go-no-go-rules";
import { can, type TRole } from "@/lib/domain/roles";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import { formatUtcClock } from "@/lib/domain/time-format";
import { positionLabel } from "@/lib/domain/run-roles";
import { Button } from "@/components/ui/button";
import { LeadActions } from "./lead-actions";
import { OUTCOME_LOOK, type TSend } from "./look";
import { OpenPollForm } from "./open-poll-form";
import { SendStateNote } from "@/components/realtime/send-state-note";
import { useSendState } from "@/components/realtime/use-send-state";
import { RollCallTable, type THolders, type TVoteAnswer } from "./roll-call-table";
import { formingOutcome, RoundOutcome } from "./round-outcome";
import { UserText } from "@/components/ui/user-text";

type TProps = {
  snapshot: TRunSnapshot;
  viewerId: string;
  role: TRole;
  send: TSend;
  /** Bumped when the run reaches Go/No-Go or a round opens while the page is open: the poll comes to the lead. */
  bringIntoView: number;
};

/**
 * Scrolls the panel under the sticky header and puts focus on its heading (so the next Tab reaches
 * the poll), unless the person is typing somewhere: their text is not taken from them.
 */
function useBringIntoView(trigger: number) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (trigger === 0) return;
    const active = document.activeElement as HTMLElement | null;
    const isTyping = !!active && (active.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(active.tagName));
    panel.current?.scrollIntoView({ block: "start" });
    if (!isTyping) panel.current?.querySelector<HTMLElement>("h2")?.focus({ preventScroll: true });
  }, [trigger]);
  return panel;
}

export function GoNoGoPanel({ snapshot, viewerId, role, send, bringIntoView }: TProps) {
  const panelRef = useBringIntoView(bringIntoView);
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [isEditingNew, setIsEditingNew] = useState(false);
  // A vote made offline says it is waiting, then sent (or refused, with why).
  const sending = useSendState();
  const state = snapshot.goNoGo;
  const isAtGate = snapshot.status === "go_no_go";
  if (!isAtGate && state.rounds.length === 0) return null;

  const current = isAtGate ? latestCurrentRound(state) : null;
  const earlier = state.rounds.filter((r) => r.id !== current?.id).reverse();
  const holders: THolders = new Map(snapshot.roles.map((r) => [r.role, { userId: r.userId, userName: r.userName }]));
  const canControl = can(role, "runs.control");
  const canVote = can(role, "poll.vote");

  async function run(name: Parameters<TSend>[0], input: Record<string, unknown>): Promise<boolean> {
    setMessage(null);
    setIsBusy(true);
    const reply = await sending.track(() => send(name, input));
    setIsBusy(false);
    if ("error" in reply) setMessage(reply.error.message);
    return !("error" in reply);
  }

  const onOpen = async (questions: string[], positions: string[]) => {
    const isDone = await run("poll:open", { questions, positions });
    if (isDone) setIsEditingNew(false);
    return isDone;
  };
  const onVote = (position: string, answers: TVoteAnswer[]) => run("poll:vote", { pollId: current!.id, position, answers });

  if (!isAtGate) return <GoNoGoRecord rounds={earlier} holders={holders} viewerId={viewerId} />;

  const evaluation = current ? evaluatePoll(current) : null;
  const refusal = productionRefusal(state, positionLabel);
  const lastQuestions = state.rounds.at(-1)?.questions ?? state.templateQuestions;
  const showOpenForm = canControl && (!current || (current.status === "closed" && isEditingNew));

  return (
    <section ref={panelRef} aria-labelledby="go-no-go-heading" className="scroll-mt-40 rounded-lg border-2 border-blue-700 bg-white p-4" data-testid="go-no-go-panel">
      <header className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h2 id="go-no-go-heading" tabIndex={-1} className="text-xl font-bold text-slate-900">
          Go / No-Go decision{current && <span className="ml-2 text-base font-semibold text-slate-700">Round {current.round}</span>}
        </h2>
        <p className={`text-sm font-semibold ${refusal ? "text-slate-800" : "text-emerald-800"}`} data-testid="production-gate">
          {refusal ? (
            <>
              <span className="mr-1 rounded bg-slate-800 px-1.5 py-0.5 text-xs font-bold text-white">PRODUCTION LOCKED</span> {refusal}
            </>
          ) : (
            <>
              <span className="mr-1 rounded bg-emerald-700 px-1.5 py-0.5 text-xs font-bold text-white">✓ PRODUCTION UNLOCKED</span> Move the run on from the controls above.
            </>
          )}
        </p>
      </header>
      {message && (
        <p role="alert" className="mt-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          ⚠ {message}
        </p>
      )}
      <SendStateNote state={sending.state} testId="poll-send-state" />
      {!current && !canControl && <p className="mt-3 text-slate-800">Waiting for a lead to open the poll.</p>}
      {current && evaluation && (
        <div className="mt-3 space-y-4" data-testid="poll-current-round" data-round={current.round}>
          <RoundOutcome round={current} evaluation={evaluation} />
          <RollCallTable
            round={current}
            evaluation={evaluation}
            holders={holders}
            viewerId={viewerId}
            canVote={canVote}
            isBusy={isBusy}
            onVote={onVote}
          />
          {canControl && (
            <LeadActions
              round={current}
              isBusy={isBusy}
              onClose={async () => ((await run("poll:close", { pollId: current.id })) ? null : "Not closed: see why above.")}
              onReopen={() => void run("poll:reopen", { pollId: current.id })}
              onOverride={(reason) => run("poll:override", { pollId: current.id, reason })}
              onReschedule={(plannedStart, reason) => run("run:status", { to: "rescheduled", plannedStart, reason, version: snapshot.version })}
              window={{ runId: snapshot.id, service: snapshot.service, plannedDurationMin: snapshot.plannedDurationMin, leadId: snapshot.roles.find((r) => r.role === "deployment_lead")?.userId }}
            />
          )}
          {canControl && current.status === "closed" && !isEditingNew && (
            <Button variant="ghost" onClick={() => setIsEditingNew(true)}>Start a new round with edited questions…</Button>
          )}
        </div>
      )}
      {showOpenForm && <OpenPollForm key={current?.id ?? "first"} defaultQuestions={lastQuestions} holders={holders} isBusy={isBusy} onOpen={onOpen} />}
      {earlier.length > 0 && (
        <div className="mt-4 border-t border-slate-200 pt-3">
          <GoNoGoRecord rounds={earlier} holders={holders} viewerId={viewerId} isNested />
        </div>
      )}
    </section>
  );
}

/** Rounds on the record, newest first, each collapsed to one line until opened. */
function GoNoGoRecord({ rounds, holders, viewerId, isNested = false }: { rounds: TPollRound[]; holders: THolders; viewerId: string; isNested?: boolean }) {
  const list = (
    <ul className="space-y-2" data-testid="poll-history">
      {rounds.map((round) => {
        const evaluation = evaluatePoll(round);
        const outcome = round.status === "open" ? null : formingOutcome(round, evaluation);
        // A closed round shows who held each position then, as frozen in its record.
        const heldThen: THolders = round.decision
          ? new Map(round.decision.roll.map((r) => [r.position, { userId: "", userName: r.holderName ?? "nobody" }]))
          : holders;
        return (
          <li key={round.id}>
            <details className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2" data-testid="poll-round" data-round={round.round}>
              <summary className="cursor-pointer text-sm text-slate-900">
                <strong>Round {round.round}</strong> ·{" "}
                {outcome ? (
                  <span className={`rounded px-1.5 py-0.5 text-xs font-bold ${OUTCOME_LOOK[outcome].light}`}>{OUTCOME_LOOK[outcome].word}</span>
                ) : (
                  <span className="text-slate-700">not closed: the run left Go / No-Go first</span>
                )}{" "}
                · opened {formatUtcClock(round.openedAt)} by <UserText>{round.openedByName}</UserText>
                {round.closedAt && <> · closed {formatUtcClock(round.closedAt)} by <UserText>{round.closedByName}</UserText></>}
              </summary>
              <div className="mt-3 space-y-3">
                <RoundOutcome round={round} evaluation={evaluation} />
                <RollCallTable round={round} evaluation={evaluation} holders={heldThen} viewerId={viewerId} canVote={false} isBusy onVote={async () => false} />
              </div>
            </details>
          </li>
        );
      })}
    </ul>
  );
  if (isNested) return <>{<h3 className="mb-2 font-semibold text-slate-800">Earlier rounds</h3>}{list}</>;
  const latest = rounds[0];
  return (
    <section aria-labelledby="go-no-go-record-heading" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="go-no-go-panel">
      <h2 id="go-no-go-record-heading" className="mb-2 text-lg font-bold text-slate-900">Go / No-Go record</h2>
      {latest?.override && (
        <p role="note" className="mb-2 rounded-md border-2 border-amber-500 bg-amber-50 px-3 py-2 text-sm font-semibold text-amber-950" data-testid="poll-override">
          ⚠ Round {latest.round} was overridden to PROCEED by <UserText>{latest.override.byName}</UserText>: “<UserText>{latest.override.reason}</UserText>”
        </p>
      )}
      {list}
    </section>
  );
}
