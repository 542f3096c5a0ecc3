// The Go/No-Go roll call for screens read from across a room (the bridge, stakeholder views): who has
// answered, whose turn it is, the outcome as it forms in colour AND word, and every NO-GO reason.
// Read-only and hook-free: give it the live snapshot's poll state and role holders.
import { Panel } from "@/components/bridge/panel";
import { evaluatePoll, listWords, type TGoNoGoState, type TPositionRow } from "@/lib/domain/go-no-go";
import { latestCurrentRound } from "@/lib/domain/go-no-go-rules";
import type { TRunRoleHolder } from "@/lib/domain/go-no-go-events";
import { positionLabel } from "@/lib/domain/run-roles";
import { OUTCOME_LOOK } from "./look";
import { formingOutcome } from "./round-outcome";
import { UserText } from "@/components/ui/user-text";

type TProps = { goNoGo: TGoNoGoState; roles: TRunRoleHolder[]; className?: string };

export function BridgeGoNoGoPanel({ goNoGo, roles, className = "" }: TProps) {
  const round = latestCurrentRound(goNoGo);
  if (!round) {
    return (
      <Panel label="Go / No-Go" testId="bridge-go-no-go" className={`flex flex-col justify-center gap-3 ${className}`}>
        <p className="text-5xl font-bold text-white">Waiting for the poll to open</p>
        <p className="text-3xl text-slate-300">A lead opens the roll call; production stays locked until it says PROCEED.</p>
      </Panel>
    );
  }
  const evaluation = evaluatePoll(round);
  const outcome = formingOutcome(round, evaluation);
  const look = OUTCOME_LOOK[outcome];
  const holderOf = (position: string) => roles.find((r) => r.role === position)?.userName ?? "nobody";
  const isOpen = round.status === "open";
  return (
    <Panel label={`Go / No-Go decision · round ${round.round}`} testId="bridge-go-no-go" className={`flex min-h-0 flex-col gap-4 ${className}`}>
      <div className="grid min-h-0 flex-1 grid-cols-[3fr_2fr] gap-6">
        <ol aria-label="Roll call" className="flex min-h-0 flex-col gap-3">
          {evaluation.positions.map((row) => (
            <RollCallRow key={row.position} row={row} total={round.questions.length} holderName={holderOf(row.position)} isOpen={isOpen} />
          ))}
        </ol>
        <div className="flex min-h-0 flex-col gap-3">
          <div
            role="status"
            aria-live="polite"
            data-testid="bridge-poll-outcome"
            data-outcome={outcome}
            data-status={round.status}
            className={`rounded-xl px-5 py-3 ${look.dark}`}
          >
            <p className="text-5xl leading-none font-black tracking-tight whitespace-nowrap">
              {look.icon && <span aria-hidden="true">{look.icon} </span>}
              {outcome === "overridden" ? "PROCEED" : look.word}
            </p>
            <p className="mt-2 text-3xl font-semibold">
              {outcome === "overridden"
                ? "by override"
                : isOpen
                  ? evaluation.pendingPositions.length
                    ? `${evaluation.answered} of ${evaluation.total} answers`
                    : "all answered · ready to close"
                  : `closed by ${round.closedByName ?? "a lead"}`}
            </p>
          </div>
          {round.override ? (
            <p className="line-clamp-3 text-2xl leading-snug text-amber-300" data-testid="bridge-poll-override">
              <span aria-hidden="true">⚠ </span>Overridden by <UserText>{round.override.byName}</UserText>: “<UserText>{round.override.reason}</UserText>”
            </p>
          ) : isOpen && evaluation.pendingPositions.length > 0 ? (
            <p className="text-2xl text-slate-300">Waiting for {listWords(evaluation.pendingPositions.map(positionLabel))}</p>
          ) : null}
          {evaluation.reasons.length > 0 && (
            <ul className="flex min-h-0 flex-col gap-1 overflow-hidden" aria-label="NO-GO reasons" data-testid="bridge-poll-reasons">
              {evaluation.reasons.slice(0, 3).map((r) => (
                <li key={`${r.position}-${r.questionIndex}`} className="line-clamp-2 text-2xl leading-snug text-red-200">
                  <strong className="text-red-300">✕ {positionLabel(r.position)}:</strong> <UserText>{r.reason}</UserText>
                </li>
              ))}
              {evaluation.reasons.length > 3 && <li className="text-2xl text-red-300">+{evaluation.reasons.length - 3} more</li>}
            </ul>
          )}
        </div>
      </div>
      <ol aria-label="Tally per question" className="flex flex-wrap gap-2" data-testid="bridge-poll-tally">
        {evaluation.tally.map((t) => {
          const tone = t.noGo > 0 ? "bg-red-600 text-white" : t.pending === 0 ? "bg-emerald-600 text-white" : "border-2 border-slate-600 text-slate-200";
          return (
            <li key={t.index} title={t.question} className={`rounded-lg px-3 py-1 text-2xl font-bold tabular-nums ${tone}`}>
              <span className="sr-only"><UserText>{t.question}</UserText>: </span>
              Q{t.index + 1} ✓{t.go}
              {t.noGo > 0 && <> ✕{t.noGo}</>}
              {t.pending > 0 && <> <span aria-hidden="true">…</span>{t.pending}<span className="sr-only"> to answer</span></>}
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}

function RollCallRow({ row, total, holderName, isOpen }: { row: TPositionRow; total: number; holderName: string; isOpen: boolean }) {
  const state =
    row.state === "answered"
      ? row.noGo > 0
        ? { word: "NO-GO", icon: "✕", tone: "text-red-400" }
        : { word: "GO", icon: "✓", tone: "text-emerald-400" }
      : row.answered > 0
        ? { word: `${row.answered} of ${total}`, icon: "", tone: "text-amber-300" }
        : { word: "WAITING", icon: "", tone: "text-slate-400" };
  const isTurn = isOpen && row.isTurn;
  return (
    <li
      data-testid="bridge-roll-call-row"
      data-position={row.position}
      data-state={row.state}
      data-turn={isTurn}
      className={`flex items-center gap-4 rounded-xl border-4 px-4 py-2 ${isTurn ? "border-sky-400 bg-sky-950" : "border-transparent bg-slate-800/60"}`}
    >
      <span aria-hidden="true" className={`w-10 text-4xl font-black ${isTurn ? "text-sky-300" : "text-transparent"}`}>▶</span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-4xl font-bold text-white">
          {positionLabel(row.position)}
          {isTurn && <span className="ml-3 rounded bg-sky-400 px-2 align-middle text-2xl font-black text-slate-950">NOW</span>}
        </p>
        <p className="truncate text-2xl text-slate-300">{holderName}</p>
      </div>
      <p className={`shrink-0 text-5xl font-black tabular-nums ${state.tone}`} data-testid="bridge-roll-call-state">
        {state.icon && <span aria-hidden="true">{state.icon} </span>}
        {state.word}
      </p>
    </li>
  );
}
