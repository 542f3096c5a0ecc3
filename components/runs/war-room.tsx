"use client";
import { useMemo, useState } from "react";
import type { TItemAction, TItemState } from "@/lib/domain/checklist";
import { progress } from "@/lib/domain/checklist";
import { snapshotLinkStatus } from "@/lib/domain/item-links";
import { allItems, type TRunSnapshot, type TSnapshotItem, type TSnapshotSection } from "@/lib/domain/run-snapshot";
import { PHASE_OF_STATUS, STATUS_LABELS, type TRunStatus } from "@/lib/domain/run-status";
import { estimatedFinish } from "@/lib/domain/schedule";
import { statusLight } from "@/lib/domain/status-light";
import { formatUtcMinute } from "@/lib/domain/time-format";
import { can, type TRole } from "@/lib/domain/roles";
import { useConnectionState } from "@/lib/realtime/client/client";
import { useRunLive } from "@/lib/realtime/client/use-run";
import { useNow } from "@/components/ui/use-now";
import { GoNoGoPanel } from "@/components/poll/go-no-go-panel";
import { PositionHolders, type TAssignableUser } from "@/components/poll/position-holders";
import { PhasePanel } from "./phase-panel";
import { PresencePanel } from "./presence-panel";
import { KeyboardHelp, ShortcutsDialog, useChecklistKeys } from "./checklist-keys";
import { RolloutStepper } from "./rollout-stepper";
import { RunControls } from "./run-controls";
import { StatusLightChip } from "./status-light-chip";
import { TimelinePanel } from "./timeline-panel";
import { MetricsPanel } from "@/components/metrics/metrics-panel";
import { RollbackBanner } from "@/components/metrics/rollback-banner";
import { CommsPanel } from "@/components/comms/comms-panel";
import { DecisionGuides } from "@/components/decision-trees/decision-guides";
import type { TCommsContextData } from "@/lib/comms/context";

const OPTIMISTIC_STATE: Record<TItemAction["kind"], TItemState> = { done: "done", skip: "skipped", fail: "failed", reopen: "open" };

type TOptimistic = { state: TItemState; note: string | null; baseVersion: number };

type TWarRoomProps = {
  initial: TRunSnapshot;
  role: TRole;
  renderedAt: string;
  /** The signed-in user: the poll lets them answer for the positions they hold. */
  viewerId: string;
  /** Admins only: who a position can be handed to. */
  assignableUsers?: TAssignableUser[];
  /** Latest metric values, the previous run's baseline and commit, global webhooks (communications). */
  commsContext?: TCommsContextData;
};

export function WarRoom({ initial, role, renderedAt, viewerId, assignableUsers, commsContext }: TWarRoomProps) {
  const { snapshot, present, send } = useRunLive(initial);
  const connection = useConnectionState();
  const [isShortcutsOpen, setIsShortcutsOpen] = useState(false);
  useChecklistKeys(() => setIsShortcutsOpen((open) => !open));
  const now = useNow(renderedAt);
  const [optimistic, setOptimistic] = useState(new Map<string, TOptimistic>());
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const canTick = can(role, "items.tick");
  const canControl = can(role, "runs.control");

  // An optimistic tick shows until the server's version overtakes it (or the server refuses).
  const view = useMemo<TRunSnapshot>(() => {
    if (optimistic.size === 0) return snapshot;
    const overlay = (item: TSnapshotItem): TSnapshotItem => {
      const o = optimistic.get(item.id);
      return o && item.version === o.baseVersion ? { ...item, state: o.state, note: o.note } : item;
    };
    return { ...snapshot, phases: snapshot.phases.map((p) => ({ ...p, sections: p.sections.map((s) => ({ ...s, items: s.items.map(overlay) })) })) };
  }, [snapshot, optimistic]);

  const dropOptimistic = (itemId: string) =>
    setOptimistic((m) => {
      const next = new Map(m);
      next.delete(itemId);
      return next;
    });

  async function onItemAction(item: TSnapshotItem, action: TItemAction) {
    setMessage(null);
    const note = action.kind === "skip" ? action.reason : action.kind === "fail" ? action.note : null;
    setOptimistic((m) => new Map(m).set(item.id, { state: OPTIMISTIC_STATE[action.kind], note, baseVersion: item.version }));
    const reply = await send("item:change", { itemId: item.id, version: item.version, action });
    dropOptimistic(item.id);
    if ("error" in reply) setMessage(`“${item.text}”: ${reply.error.message}`);
  }

  async function onMove(to: TRunStatus, reason?: string) {
    setMessage(null);
    setIsBusy(true);
    const reply = await send("run:status", { to, reason, version: snapshot.version });
    setIsBusy(false);
    if ("error" in reply) setMessage(reply.error.message);
  }

  async function onRecordRound(section: TSnapshotSection, note: string): Promise<boolean> {
    setMessage(null);
    const reply = await send("check:complete", { sectionId: section.id, note: note.trim() || undefined });
    if ("error" in reply) setMessage(`“${section.title}”: ${reply.error.message}`);
    return !("error" in reply);
  }

  async function onAdvance() {
    setMessage(null);
    const reply = await send("rollout:advance", { fromPercent: snapshot.rolloutPercent });
    if ("error" in reply) setMessage(reply.error.message);
  }

  const items = allItems(view);
  const { done, total } = progress(items);
  const currentPhaseKey = PHASE_OF_STATUS[view.status];
  const finish = estimatedFinish(
    view.phases.map((p) => ({ budgetMaxMinutes: p.budgetMaxMinutes, startedAt: p.startedAt ? new Date(p.startedAt) : null, completedAt: p.completedAt ? new Date(p.completedAt) : null })),
    now,
  );
  const pendingItemIds = new Set(optimistic.keys());
  const linkOf = (item: TSnapshotItem) => (item.metricLink ? snapshotLinkStatus(view, item.metricLink, now) : null);

  return (
    <div className="space-y-4">
      <header className="sticky top-0 z-10 -mx-6 border-b border-slate-300 bg-white/95 px-6 py-3 backdrop-blur">
        <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
          <div>
            <h1 className="text-2xl font-bold text-slate-900">{view.name}</h1>
            <p className="text-sm text-slate-700">
              {view.service} · {view.targetVersion}
              {view.commit && <> · <code className="font-mono">{view.commit}</code></>}
            </p>
          </div>
          <p className="rounded-md bg-slate-900 px-3 py-1 text-lg font-bold text-white" data-testid="run-status" data-status={view.status}>
            {STATUS_LABELS[view.status]}
          </p>
          <StatusLightChip light={statusLight(view, now)} />
          <div className="min-w-48">
            <p className="text-sm font-semibold text-slate-900" data-testid="run-progress">{done} of {total} done</p>
            <div className="mt-1 h-2 rounded bg-slate-200" aria-hidden="true">
              <div className="h-2 rounded bg-emerald-600" style={{ width: `${total ? (done / total) * 100 : 0}%` }} />
            </div>
          </div>
          <p className="text-sm text-slate-700">
            Est. finish <span className="font-semibold text-slate-900">{formatUtcMinute(finish)}</span>
          </p>
          <a href={`/runs/${view.id}/record`} className="text-sm font-semibold text-blue-800 underline">Deployment record</a>
          {can(role, "share.manage") && (
            <a href={`/runs/${view.id}/share`} className="text-sm font-semibold text-blue-800 underline">Status links</a>
          )}
          {canControl && <div className="ml-auto"><RunControls status={view.status} onMove={onMove} isBusy={isBusy} /></div>}
        </div>
        {view.statusReason && <p className="mt-1 text-sm text-slate-800">Reason: {view.statusReason}</p>}
        {message && (
          <p role="alert" className="mt-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            ⚠ {message}
          </p>
        )}
        <RollbackBanner metrics={view.metrics} status={view.status} canControl={canControl} send={send} />
      </header>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-4">
          <DecisionGuides snapshot={view} role={role} send={send} />
          <GoNoGoPanel snapshot={view} viewerId={viewerId} role={role} send={send} />
          <MetricsPanel snapshot={view} now={now} canControl={canControl} send={send} />
          {view.phases.map((phase) => (
            <PhasePanel
              key={phase.id}
              phase={phase}
              isCurrent={phase.key === currentPhaseKey}
              now={now}
              canTick={canTick}
              pendingItemIds={pendingItemIds}
              onAction={onItemAction}
              linkOf={linkOf}
              rolloutSteps={view.rolloutSteps}
              onRecordRound={onRecordRound}
            >
              {phase.key === "production" && <RolloutStepper snapshot={view} now={now} canControl={canControl} onAdvance={onAdvance} />}
            </PhasePanel>
          ))}
        </div>
        <aside className="space-y-4 lg:sticky lg:top-28 lg:self-start">
          <PresencePanel snapshot={view} present={present} isConnected={connection === "connected"} />
          <CommsPanel snapshot={view} now={now} role={role} send={send} context={commsContext} />
          {canTick && <KeyboardHelp />}
          {isShortcutsOpen && <ShortcutsDialog onClose={() => setIsShortcutsOpen(false)} />}
          {assignableUsers && can(role, "users.manage") && <PositionHolders snapshot={view} users={assignableUsers} send={send} />}
          <TimelinePanel snapshot={view} />
        </aside>
      </div>
    </div>
  );
}
