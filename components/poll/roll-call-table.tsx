"use client";
// The roll call: questions down, positions across in roll-call order, a tally per question. The holder
// of a position answers in its column (GO, or NO-GO with a reason; "All GO" at the top); everyone else
// sees the answers and reasons as they arrive, and whose turn it is.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ANSWER_WORDS, voteOf, type TPollAnswer, type TPollEvaluation, type TPollRound } from "@/lib/domain/go-no-go";
import { positionLabel } from "@/lib/domain/run-roles";
import { ANSWER_ICON, ANSWER_LIGHT } from "./look";
import { UserText } from "@/components/ui/user-text";

export type TVoteAnswer = { questionIndex: number; answer: TPollAnswer; reason?: string; version: number };
export type THolders = Map<string, { userId: string; userName: string }>;

type TProps = {
  round: TPollRound;
  evaluation: TPollEvaluation;
  holders: THolders;
  viewerId: string;
  canVote: boolean;
  isBusy: boolean;
  onVote: (position: string, answers: TVoteAnswer[]) => Promise<boolean>;
};

type TReasonDraft = { position: string; questionIndex: number; text: string };

export function RollCallTable({ round, evaluation, holders, viewerId, canVote, isBusy, onVote }: TProps) {
  const [draft, setDraft] = useState<TReasonDraft | null>(null);
  const isMine = (position: string) => canVote && holders.get(position)?.userId === viewerId;

  async function answer(position: string, questionIndex: number, choice: TPollAnswer, reason?: string) {
    const version = voteOf(round, position, questionIndex)?.version ?? 0;
    const isDone = await onVote(position, [{ questionIndex, answer: choice, reason, version }]);
    if (isDone) setDraft(null);
  }

  function allGo(position: string) {
    const answers = round.questions
      .map((_, questionIndex) => ({ questionIndex, vote: voteOf(round, position, questionIndex) }))
      .filter(({ vote }) => vote?.answer !== "go")
      .map(({ questionIndex, vote }) => ({ questionIndex, answer: "go" as const, version: vote?.version ?? 0 }));
    void onVote(position, answers);
  }

  return (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed border-separate border-spacing-0 text-sm" data-testid="roll-call" data-poll-id={round.id}>
        <caption className="sr-only">Roll call, round {round.round}: each position&apos;s answer to each question</caption>
        <colgroup>
          <col className="w-[27%]" />
          {round.positions.map((p) => <col key={p} />)}
          <col className="w-24" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className="border-b-2 border-slate-300 px-2 py-2 text-left align-bottom font-semibold text-slate-700">
              Question
            </th>
            {evaluation.positions.map((row, index) => {
              const holder = holders.get(row.position);
              const mine = isMine(row.position);
              const hasAllGo = row.go === round.questions.length;
              return (
                <th
                  key={row.position}
                  scope="col"
                  data-testid="roll-call-position"
                  data-position={row.position}
                  data-state={row.state}
                  data-turn={row.isTurn}
                  className={`border-b-2 px-2 py-2 text-left align-bottom ${row.isTurn ? "border-blue-700 bg-blue-50" : "border-slate-300"}`}
                >
                  <span className="block text-xs font-semibold text-slate-600">#{index + 1}</span>
                  <span className="block text-base font-bold text-slate-900">{positionLabel(row.position)}</span>
                  <span className="block truncate font-normal text-slate-700" title={holder?.userName}>{holder?.userName ?? "nobody"}</span>
                  {mine && <span className="mt-0.5 inline-block rounded bg-blue-700 px-1.5 text-xs font-bold text-white">YOU</span>}
                  <PositionProgress state={row.state} answered={row.answered} total={round.questions.length} noGo={row.noGo} isTurn={row.isTurn} isMine={mine} />
                  {mine && round.status === "open" && (
                    <Button
                      variant="secondary"
                      className="mt-1 w-full !px-2 !py-1"
                      disabled={isBusy || hasAllGo}
                      onClick={() => allGo(row.position)}
                      aria-label={`All GO as ${positionLabel(row.position)}`}
                    >
                      ✓ All GO
                    </Button>
                  )}
                </th>
              );
            })}
            <th scope="col" className="border-b-2 border-slate-300 px-2 py-2 text-left align-bottom font-semibold text-slate-700">Tally</th>
          </tr>
        </thead>
        <tbody>
          {round.questions.map((question, questionIndex) => {
            const tally = evaluation.tally[questionIndex];
            const isDrafting = draft?.questionIndex === questionIndex;
            return [
              <tr key={`q-${questionIndex}`} className="align-top">
                <th scope="row" className="border-b border-slate-200 px-2 py-2 text-left font-medium text-slate-900">
                  <span className="text-slate-500">{questionIndex + 1}.</span> <UserText>{question}</UserText>
                </th>
                {round.positions.map((position) => {
                  const vote = voteOf(round, position, questionIndex);
                  const turn = evaluation.turn === position;
                  return (
                    <td
                      key={position}
                      data-testid="roll-call-cell"
                      data-position={position}
                      data-question={questionIndex}
                      data-answer={vote?.answer ?? "pending"}
                      className={`border-b border-slate-200 px-2 py-2 ${turn ? "bg-blue-50" : ""}`}
                    >
                      {isMine(position) && round.status === "open" ? (
                        <div className="flex flex-nowrap gap-1">
                          <AnswerButton
                            answer="go"
                            isPressed={vote?.answer === "go"}
                            disabled={isBusy || vote?.answer === "go"}
                            label={`GO on “${question}” as ${positionLabel(position)}`}
                            onClick={() => answer(position, questionIndex, "go")}
                          />
                          <AnswerButton
                            answer="no_go"
                            isPressed={vote?.answer === "no_go"}
                            disabled={isBusy}
                            label={`NO-GO on “${question}” as ${positionLabel(position)}`}
                            onClick={() => setDraft({ position, questionIndex, text: vote?.answer === "no_go" ? (vote.reason ?? "") : "" })}
                          />
                        </div>
                      ) : (
                        <AnswerBadge answer={vote?.answer ?? null} />
                      )}
                      {vote?.answer === "no_go" && vote.reason && (
                        <p className="mt-1 text-xs break-words text-red-900" data-testid="roll-call-reason">“<UserText>{vote.reason}</UserText>”</p>
                      )}
                      {vote && vote.version > 1 && <p className="mt-0.5 text-xs text-slate-600">changed {vote.version - 1}×</p>}
                    </td>
                  );
                })}
                <td className="border-b border-slate-200 px-2 py-2 text-xs leading-5" data-testid="roll-call-tally">
                  <span className="font-semibold text-emerald-800">{tally.go} GO</span>
                  <br />
                  <span className={`font-semibold ${tally.noGo ? "text-red-800" : "text-slate-500"}`}>{tally.noGo} NO-GO</span>
                  {tally.pending > 0 && (
                    <>
                      <br />
                      <span className="text-slate-600">{tally.pending} to answer</span>
                    </>
                  )}
                </td>
              </tr>,
              isDrafting && draft && (
                <tr key={`r-${questionIndex}`}>
                  <td colSpan={round.positions.length + 2} className="border-b border-slate-200 bg-red-50 px-2 py-2">
                    <form
                      className="flex flex-wrap items-center gap-2"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void answer(draft.position, draft.questionIndex, "no_go", draft.text.trim());
                      }}
                    >
                      <label htmlFor="no-go-reason" className="text-sm font-semibold text-red-900">
                        NO-GO on “<UserText>{question}</UserText>” as {positionLabel(draft.position)}: why?
                      </label>
                      <input
                        id="no-go-reason"
                        autoFocus
                        required
                        maxLength={500}
                        value={draft.text}
                        onChange={(e) => setDraft({ ...draft, text: e.target.value })}
                        placeholder="Reason (required, everyone sees it)"
                        className="min-w-64 flex-1 rounded-md border border-red-400 bg-white px-2 py-1"
                      />
                      <Button type="submit" variant="danger" disabled={isBusy || !draft.text.trim()}>Record NO-GO</Button>
                      <Button type="button" variant="ghost" onClick={() => setDraft(null)}>Cancel</Button>
                    </form>
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}

function PositionProgress({ state, answered, total, noGo, isTurn, isMine }: { state: string; answered: number; total: number; noGo: number; isTurn: boolean; isMine: boolean }) {
  if (state === "answered") {
    return (
      <span className={`mt-1 block text-xs font-bold ${noGo ? "text-red-800" : "text-emerald-800"}`}>
        {noGo ? `✕ ${noGo} NO-GO` : "✓ all GO"}
      </span>
    );
  }
  return (
    <span className={`mt-1 block text-xs font-bold ${isTurn ? "text-blue-800" : "text-slate-600"}`}>
      {isTurn ? (isMine ? "▶ Your turn · " : "▶ Now answering · ") : ""}
      {answered === 0 ? "waiting" : `${answered} of ${total}`}
    </span>
  );
}

function AnswerBadge({ answer }: { answer: TPollAnswer | null }) {
  if (!answer) return <span className="inline-block rounded border border-dashed border-slate-400 px-2 py-0.5 text-xs font-semibold text-slate-600">— pending</span>;
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-bold ${ANSWER_LIGHT[answer]}`}>
      <span aria-hidden="true">{ANSWER_ICON[answer]} </span>
      {ANSWER_WORDS[answer]}
    </span>
  );
}

function AnswerButton({ answer, isPressed, disabled, label, onClick }: { answer: TPollAnswer; isPressed: boolean; disabled: boolean; label: string; onClick: () => void }) {
  const pressed = answer === "go" ? "bg-emerald-700 text-white border-emerald-700" : "bg-red-700 text-white border-red-700";
  const idle = answer === "go" ? "border-emerald-700 text-emerald-900 hover:bg-emerald-50" : "border-red-700 text-red-900 hover:bg-red-50";
  return (
    <button
      type="button"
      aria-pressed={isPressed}
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
      className={`rounded border-2 px-1.5 py-0.5 text-xs font-bold whitespace-nowrap disabled:cursor-not-allowed ${isPressed ? pressed : idle} ${disabled && !isPressed ? "opacity-50" : ""}`}
    >
      <span aria-hidden="true">{ANSWER_ICON[answer]} </span>
      {ANSWER_WORDS[answer]}
    </button>
  );
}
