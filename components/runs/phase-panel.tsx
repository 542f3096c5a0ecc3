"use client";
import { type TItemAction, missingRequired, progress } from "@/lib/domain/checklist";
import { checklistItems, type TSnapshotItem, type TSnapshotPhase, type TSnapshotSection } from "@/lib/domain/run-snapshot";
import { elapsedMs, overrunMs } from "@/lib/domain/schedule";
import { formatBudget, formatDuration } from "@/lib/domain/time-format";
import type { TLinkStatus } from "@/lib/domain/item-links";
import type { TRolloutStep } from "@/lib/domain/rollout";
import { ChecklistItem } from "./checklist-item";
import type { TSendState } from "@/components/realtime/send-state-note";
import { CommandBlock } from "./command-block";
import { RecurringCheck } from "./recurring-check";
import { UserText } from "@/components/ui/user-text";

type TProps = {
  phase: TSnapshotPhase;
  isCurrent: boolean;
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

export function PhasePanel({ phase, isCurrent, now, canTick, sendStates, onAction, linkOf, rolloutSteps, onRecordRound, children }: TProps) {
  const items = checklistItems(phase);
  const { done, total } = progress(items);
  const timing = {
    budgetMaxMinutes: phase.budgetMaxMinutes,
    startedAt: phase.startedAt ? new Date(phase.startedAt) : null,
    completedAt: phase.completedAt ? new Date(phase.completedAt) : null,
  };
  const overrun = overrunMs(timing, now);
  const missing = missingRequired(items);
  return (
    <section
      aria-labelledby={`phase-${phase.id}`}
      data-testid="run-phase"
      data-phase-key={phase.key}
      data-current={isCurrent}
      className={`rounded-lg border-2 bg-slate-50 p-4 ${isCurrent ? "border-blue-600" : "border-slate-200"}`}
    >
      <header className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h2 id={`phase-${phase.id}`} className="text-xl font-bold text-slate-900">
          <span data-testid="phase-title"><UserText>{phase.title}</UserText></span>
          {isCurrent && <span className="ml-2 rounded bg-blue-700 px-2 py-0.5 text-xs font-semibold text-white uppercase">Current</span>}
          {phase.completedAt && <span className="ml-2 text-sm font-semibold text-emerald-800">✓ Complete</span>}
        </h2>
        <span className="text-sm text-slate-700" data-testid="phase-progress">{done} of {total} done</span>
        <span className={`ml-auto text-sm font-semibold ${overrun > 0 ? "text-red-800" : "text-slate-700"}`} data-testid="phase-timer">
          Elapsed {timing.startedAt ? formatDuration(elapsedMs(timing, now)) : "not started"} / {formatBudget(phase.budgetMinMinutes, phase.budgetMaxMinutes)}
          {overrun > 0 && <> · ⚠ {formatDuration(overrun)} over budget</>}
        </span>
      </header>
      {isCurrent && missing.length > 0 && (
        <p className="mt-1 text-sm text-slate-700">{missing.length} required {missing.length === 1 ? "item" : "items"} left before this phase can complete.</p>
      )}
      {children}
      {phase.sections.map((section) => (
        <div key={section.id} className="mt-4">
          <h3 className="font-semibold text-slate-800">
            <UserText>{section.title}</UserText>
            {section.intervalMinutes && <span className="ml-2 text-sm font-normal text-slate-600">↻ every {section.intervalMinutes} min</span>}
          </h3>
          {section.command && <CommandBlock command={section.command} />}
          {section.expectedOutput && <p className="mt-1 text-sm text-slate-700">Expected: {section.expectedOutput}</p>}
          {section.intervalMinutes ? (
            <RecurringCheck phase={phase} section={{ ...section, intervalMinutes: section.intervalMinutes }} now={now} canRecord={canTick} onRecord={onRecordRound} />
          ) : (
            <ul className="mt-2 space-y-2">
              {section.items.map((item) => (
                <ChecklistItem key={item.id} item={item} link={linkOf(item)} rolloutSteps={rolloutSteps} canTick={canTick} sendState={sendStates.get(item.id)} onAction={onAction} />
              ))}
            </ul>
          )}
        </div>
      ))}
      {phase.successCriteria.length > 0 && (
        <div className="mt-4 text-sm text-slate-700">
          <p className="font-semibold">Success criteria</p>
          <ul className="list-disc pl-5">{phase.successCriteria.map((c) => <li key={c}>{c}</li>)}</ul>
        </div>
      )}
    </section>
  );
}
