"use client";
// One runbook phase in the war room. The phase in focus (war-room-focus.ts) opens at the top with its
// next open item named in its header; every other phase is one line (title, progress, state) that
// opens on request. Inside, a section that was already finished when the page opened folds to one
// line, so the next open item is in view without scrolling; one finished while watching stays open
// (nothing jumps under the cursor). Folded content stays in the page, hidden, so live updates and the
// keyboard path keep working on it once opened.
import { useId, useState } from "react";
import { type TItemAction, missingRequired, progress } from "@/lib/domain/checklist";
import { checklistItems, type TSnapshotItem, type TSnapshotPhase, type TSnapshotSection } from "@/lib/domain/run-snapshot";
import { elapsedMs, overrunMs } from "@/lib/domain/schedule";
import { formatBudget, formatElapsedInWords } from "@/lib/domain/time-format";
import type { TLinkStatus } from "@/lib/domain/item-links";
import { SectionNotes } from "@/components/templates/section-notes";
import type { TRolloutStep } from "@/lib/domain/rollout";
import { isSectionFinished, nextOpenItem } from "@/lib/domain/war-room-focus";
import { ChecklistItem } from "./checklist-item";
import type { TSendState } from "@/components/realtime/send-state-note";
import { CommandBlock } from "./command-block";
import { RecurringCheck } from "./recurring-check";
import { UserText } from "@/components/ui/user-text";

type TProps = {
  phase: TSnapshotPhase;
  /** The phase the run's status works through (what "current" means on every screen). */
  isCurrent: boolean;
  /** Opened at first: the phase the war room puts at the top. */
  isFocus: boolean;
  now: Date;
  canTick: boolean;
  /** This screen's own changes that are not simply done yet, by item. */
  sendStates: ReadonlyMap<string, TSendState>;
  onAction: (item: TSnapshotItem, action: TItemAction) => void;
  /** The item's linked rule or checkpoint, judged now (null for a plain item). */
  linkOf: (item: TSnapshotItem) => TLinkStatus | null;
  rolloutSteps: readonly TRolloutStep[];
  onRecordRound: (section: TSnapshotSection, note: string) => Promise<boolean>;
  children?: React.ReactNode;
};

/** Puts the keyboard on an item's tick button and brings it into view below the sticky header. */
export function focusItemById(itemId: string) {
  const tick = document.querySelector<HTMLButtonElement>(`[data-item-id="${CSS.escape(itemId)}"] [data-action="tick"]`);
  tick?.focus();
  tick?.closest('[data-testid="checklist-item"]')?.scrollIntoView({ block: "center", behavior: "smooth" });
}

function PhaseTimer({ phase, now }: { phase: TSnapshotPhase; now: Date }) {
  const timing = {
    budgetMaxMinutes: phase.budgetMaxMinutes,
    startedAt: phase.startedAt ? new Date(phase.startedAt) : null,
    completedAt: phase.completedAt ? new Date(phase.completedAt) : null,
  };
  const budget = formatBudget(phase.budgetMinMinutes, phase.budgetMaxMinutes);
  if (!timing.startedAt) return <span className="text-sm text-slate-700" data-testid="phase-timer">Not started · budget {budget}</span>;
  const elapsed = elapsedMs(timing, now);
  const overrun = overrunMs(timing, now);
  const share = Math.min(1, elapsed / Math.max(1, phase.budgetMaxMinutes * 60_000));
  return (
    <span className="flex items-center gap-2">
      <span className={`text-sm font-semibold tabular-nums ${overrun > 0 ? "text-red-800" : "text-slate-700"}`} data-testid="phase-timer">
        {formatElapsedInWords(elapsed)} of {budget}
        {overrun > 0 && <> · ⚠ {formatElapsedInWords(overrun)} over budget</>}
      </span>
      <span className="h-1.5 w-20 rounded bg-slate-200" aria-hidden="true">
        <span className={`block h-1.5 rounded ${overrun > 0 ? "bg-red-700" : "bg-blue-700"}`} style={{ width: `${share * 100}%` }} />
      </span>
    </span>
  );
}

export function PhasePanel({ phase, isCurrent, isFocus, now, canTick, sendStates, onAction, linkOf, rolloutSteps, onRecordRound, children }: TProps) {
  const [isOpen, setIsOpen] = useState(isFocus);
  const bodyId = useId();
  const items = checklistItems(phase);
  const { done, total } = progress(items);
  const missing = missingRequired(items);
  const next = nextOpenItem(phase);
  // A phase the run left with items open (a rollback, an abort) ended; only a finished one is complete.
  const state = phase.completedAt ? (next ? "Ended" : "✓ Complete") : phase.startedAt ? "In progress" : "Not started";
  return (
    <section
      aria-labelledby={`phase-${phase.id}`}
      data-testid="run-phase"
      data-phase-key={phase.key}
      data-current={isCurrent}
      data-expanded={isOpen}
      className={`scroll-mt-40 rounded-lg border-2 bg-slate-50 ${isOpen ? "p-4" : "px-4 py-2"} ${isCurrent ? "border-blue-600" : "border-slate-200"}`}
    >
      <header className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <h2 id={`phase-${phase.id}`} className={`${isOpen ? "text-xl" : "text-base"} font-bold text-slate-900`}>
          <button type="button" aria-expanded={isOpen} aria-controls={bodyId} onClick={() => setIsOpen((open) => !open)} className="inline-flex items-baseline gap-2 text-left hover:underline">
            <span aria-hidden="true" className="inline-block w-3 text-slate-600">{isOpen ? "▾" : "▸"}</span>
            <span data-testid="phase-title"><UserText>{phase.title}</UserText></span>
          </button>
          {isCurrent && <span className="ml-2 rounded bg-blue-700 px-2 py-0.5 text-xs font-semibold text-white uppercase">Current</span>}
          {!isCurrent && <span className={`ml-2 text-sm font-semibold ${state === "✓ Complete" ? "text-emerald-800" : "text-slate-600"}`}>{state}</span>}
        </h2>
        <span className="text-sm text-slate-700" data-testid="phase-progress">{done} of {total} done</span>
        {(isOpen || isCurrent) && <span className="ml-auto"><PhaseTimer phase={phase} now={now} /></span>}
      </header>
      <div id={bodyId} hidden={!isOpen}>
        {isCurrent && next && (
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-800" data-testid="phase-next">
            <span className="font-semibold">Next:</span>
            <button type="button" className="font-medium text-blue-800 underline underline-offset-2" onClick={() => focusItemById(next.id)}>
              <UserText>{next.text}</UserText>
            </button>
            {missing.length > 0 && <span className="text-slate-600">· {missing.length} required {missing.length === 1 ? "item" : "items"} left before this phase can complete</span>}
          </p>
        )}
        {children}
        {phase.sections.map((section) => (
          <SectionBlock
            key={section.id}
            phase={phase}
            section={section}
            nextItemId={isCurrent ? (next?.id ?? null) : null}
            now={now}
            canTick={canTick}
            sendStates={sendStates}
            onAction={onAction}
            linkOf={linkOf}
            rolloutSteps={rolloutSteps}
            onRecordRound={onRecordRound}
          />
        ))}
        {phase.successCriteria.length > 0 && (
          <div className="mt-4 text-sm text-slate-700">
            <p className="font-semibold">Success criteria</p>
            <ul className="list-disc pl-5">{phase.successCriteria.map((c) => <li key={c}>{c}</li>)}</ul>
          </div>
        )}
      </div>
    </section>
  );
}

type TSectionProps = Omit<TProps, "isCurrent" | "isFocus" | "children"> & { section: TSnapshotSection; nextItemId: string | null };

function SectionBlock({ phase, section, nextItemId, now, canTick, sendStates, onAction, linkOf, rolloutSteps, onRecordRound }: TSectionProps) {
  // Folded only if it was finished when this screen opened it: one finished while watching stays open,
  // and a folded one opens by itself when an item in it is reopened (there is something to do again).
  const isFinished = isSectionFinished(section);
  const [isOpen, setIsOpen] = useState(!isFinished);
  const [wasFinished, setWasFinished] = useState(isFinished);
  if (wasFinished !== isFinished) {
    setWasFinished(isFinished);
    if (!isFinished) setIsOpen(true);
  }
  const bodyId = useId();
  const { done, total } = progress(section.items);
  return (
    <div className="mt-4" data-testid="run-section" data-expanded={isOpen}>
      <h3 className="font-semibold text-slate-800">
        <button type="button" aria-expanded={isOpen} aria-controls={bodyId} onClick={() => setIsOpen((open) => !open)} className="inline-flex items-baseline gap-2 text-left hover:underline">
          <span aria-hidden="true" className="inline-block w-3 text-slate-600">{isOpen ? "▾" : "▸"}</span>
          <UserText>{section.title}</UserText>
        </button>
        {section.intervalMinutes ? (
          <span className="ml-2 text-sm font-normal text-slate-600">↻ every {section.intervalMinutes} min</span>
        ) : (
          !isOpen && <span className="ml-2 text-sm font-normal text-emerald-800">✓ {done} of {total} done</span>
        )}
      </h3>
      <div id={bodyId} hidden={!isOpen}>
        {section.command && <CommandBlock command={section.command} />}
        {section.expectedOutput && <p className="mt-1 text-sm text-slate-700">Expected: {section.expectedOutput}</p>}
        <SectionNotes notes={section.notes} />
        {section.intervalMinutes ? (
          <RecurringCheck phase={phase} section={{ ...section, intervalMinutes: section.intervalMinutes }} now={now} canRecord={canTick} onRecord={onRecordRound} />
        ) : (
          <ul className="mt-2 space-y-2">
            {section.items.map((item) => (
              <ChecklistItem
                key={item.id}
                item={item}
                isNext={item.id === nextItemId}
                link={linkOf(item)}
                rolloutSteps={rolloutSteps}
                canTick={canTick}
                sendState={sendStates.get(item.id)}
                onAction={onAction}
              />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
