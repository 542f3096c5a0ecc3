"use client";
import { useCallback, useState } from "react";
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
import { useRunLiveClock } from "@/lib/realtime/client/use-live-clock";
import { ConnectionLost, STALE_LOOK } from "@/components/realtime/connection-lost";
import { GoNoGoPanel } from "@/components/poll/go-no-go-panel";
import { PositionHolders, type TAssignableUser } from "@/components/poll/position-holders";
import { PhasePanel } from "./phase-panel";
import { PresencePanel } from "./presence-panel";
import { KeyboardHelp, ShortcutsDialog, useChecklistKeys } from "./checklist-keys";
import { RolloutStepper } from "./rollout-stepper";
import { RunControls } from "./run-controls";
import { useItemSender } from "./use-item-sender";
import { StatusLightChip } from "./status-light-chip";
import { TimelinePanel } from "./timeline-panel";
import { MetricsPanel } from "@/components/metrics/metrics-panel";
import type { TDataSourceChoice } from "@/components/metrics/rule-source-fields";
import { RollbackBanner } from "@/components/metrics/rollback-banner";
import { GuardBanner } from "@/components/locks/guard-banner";
import { CommsPanel } from "@/components/comms/comms-panel";
import { DecisionGuides } from "@/components/decision-trees/decision-guides";
import type { TCommsContextData } from "@/lib/comms/context";
import { UserText } from "@/components/ui/user-text";

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
  /** The Prometheus servers rules may query (names only). */
  dataSources?: readonly TDataSourceChoice[];
};

export function WarRoom({ initial, role, renderedAt, viewerId, assignableUsers, commsContext, dataSources }: TWarRoomProps) {
  const { snapshot, present, send } = useRunLive(initial);
  const connection = useConnectionState();
  const [isShortcutsOpen, setIsShortcutsOpen] = useState(false);
  useChecklistKeys(() => setIsShortcutsOpen((open) => !open));
  // Server time, held at the last message when the connection is lost (countdowns stop).
  const { now, liveness } = useRunLiveClock(renderedAt);
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const canTick = can(role, "items.tick");
  const canControl = can(role, "runs.control");

  // Own ticks show at once, queue per item, and say so while they wait for the connection.
  const { view, act: onItemAction, sendStates } = useItemSender(
    snapshot,
    useCallback((input) => send("item:change", input), [send]),
    liveness.state !== "stale",
    useCallback((item: TSnapshotItem, why: string) => setMessage(`“${item.text}”: ${why}`), []),
  );

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

  async function onAdvance(overrideReason?: string): Promise<boolean> {
    setMessage(null);
    const reply = await send("rollout:advance", { fromPercent: snapshot.rolloutPercent, overrideReason });
    if ("error" in reply) setMessage(reply.error.message);
    return !("error" in reply);
  }

  const items = allItems(view);
  const { done, total } = progress(items);
  const currentPhaseKey = PHASE_OF_STATUS[view.status];
  const finish = estimatedFinish(
    view.phases.map((p) => ({ budgetMaxMinutes: p.budgetMaxMinutes, startedAt: p.startedAt ? new Date(p.startedAt) : null, completedAt: p.completedAt ? new Date(p.completedAt) : null })),
    now,
  );
  const linkOf = (item: TSnapshotItem) => (item.metricLink ? snapshotLinkStatus(view, item.metricLink, now) : null);

  return (
    <div className="space-y-4">
      <header className="sticky top-0 z-10 -mx-6 border-b border-slate-300 bg-white/95 px-6 py-3 backdrop-blur">
        <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
          <div>
            <h1 className="text-2xl font-bold text-slate-900"><UserText>{view.name}</UserText></h1>
            <p className="text-sm text-slate-700">
              <UserText>{view.service}</UserText> · <UserText>{view.targetVersion}</UserText>
              {view.commit && <> · <code className="font-mono"><UserText>{view.commit}</UserText></code></>}
            </p>
          </div>
          <p className="rounded-md bg-slate-900 px-3 py-1 text-lg font-bold text-white" data-testid="run-status" data-status={view.status}>
            {STATUS_LABELS[view.status]}
          </p>
          {/* A lost connection drains the verdict's colour: the banner below says why. */}
          <div className={liveness.state === "stale" ? STALE_LOOK : ""}><StatusLightChip light={statusLight(view, now)} /></div>
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
        {liveness.state === "stale" && <ConnectionLost liveness={liveness} variant="banner" />}
        {view.statusReason && <p className="mt-1 text-sm text-slate-800">Reason: <UserText>{view.statusReason}</UserText></p>}
        {message && (
          <p role="alert" className="mt-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            ⚠ {message}
          </p>
        )}
        <RollbackBanner metrics={view.metrics} status={view.status} canControl={canControl} send={send} />
        <GuardBanner snapshot={view} now={now} canOverride={can(role, "guards.override")} send={send} />
      </header>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-4">
          <DecisionGuides snapshot={view} role={role} send={send} />
          <GoNoGoPanel snapshot={view} viewerId={viewerId} role={role} send={send} />
          <MetricsPanel snapshot={view} now={now} canControl={canControl} send={send} dataSources={dataSources} />
          {view.phases.map((phase) => (
            <PhasePanel
              key={phase.id}
              phase={phase}
              isCurrent={phase.key === currentPhaseKey}
              now={now}
              canTick={canTick}
              sendStates={sendStates}
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
