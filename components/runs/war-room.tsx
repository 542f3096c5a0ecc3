"use client";
// The war room, laid out for a lead at 2 a.m.: a sticky header with where the run stands and the
// primary action; then what needs deciding now (a decision guide, the Go/No-Go poll), the phase in
// focus opened at its next open item, the metrics in one line per rule, and the other phases one line
// each. Presence, messages and the timeline (with its catch-up summary) sit beside it.
import { useCallback, useEffect, useRef, useState } from "react";
import { progress } from "@/lib/domain/checklist";
import { snapshotLinkStatus } from "@/lib/domain/item-links";
import { allItems, type TRunSnapshot, type TSnapshotItem, type TSnapshotSection } from "@/lib/domain/run-snapshot";
import { isTerminal, PHASE_OF_STATUS, type TRunStatus } from "@/lib/domain/run-status";
import { estimatedFinish } from "@/lib/domain/schedule";
import { statusLight } from "@/lib/domain/status-light";
import { focusPhaseKey } from "@/lib/domain/war-room-focus";
import { recommendationsToDecide } from "@/lib/domain/metric-recommendations";
import { can, type TRole } from "@/lib/domain/roles";
import { useConnectionState } from "@/lib/realtime/client/client";
import { useRunLive } from "@/lib/realtime/client/use-run";
import { useRunLiveClock } from "@/lib/realtime/client/use-live-clock";
import { ConnectionLost } from "@/components/realtime/connection-lost";
import { GoNoGoPanel } from "@/components/poll/go-no-go-panel";
import { PositionHolders, type TAssignableUser } from "@/components/poll/position-holders";
import { PhasePanel } from "./phase-panel";
import { PresencePanel } from "./presence-panel";
import { KeyboardHelp, ShortcutsDialog, useChecklistKeys } from "./checklist-keys";
import { RolloutStepper } from "./rollout-stepper";
import { RunControls } from "./run-controls";
import { RunHeader } from "./run-header";
import { useItemSender } from "./use-item-sender";
import { TimelinePanel } from "./timeline-panel";
import { MetricsPanel } from "@/components/metrics/metrics-panel";
import type { TDataSourceChoice } from "@/components/metrics/rule-source-fields";
import { RollbackBanner } from "@/components/metrics/rollback-banner";
import { GuardBanner } from "@/components/locks/guard-banner";
import { CommsPanel } from "@/components/comms/comms-panel";
import { DecisionGuides } from "@/components/decision-trees/decision-guides";
import type { TCommsContextData } from "@/lib/comms/context";
import type { TCatchUp } from "@/lib/domain/catch-up";
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
  /** The catch-up summary folded from the run's whole event log when the page was made. */
  initialCatchUp: TCatchUp;
  /** The Prometheus servers rules may query (names only). */
  dataSources?: readonly TDataSourceChoice[];
};

/** A message shown under the header; a refused move carries the state it was about and goes once that changes. */
type TMessage = { text: string; aboutState?: string };

/** The part of the run a refused status move depends on: its status and its Go/No-Go poll. */
const moveState = (s: TRunSnapshot) => `${s.status}|${s.goNoGo.rounds.length}|${s.goNoGo.rounds.at(-1)?.status ?? ""}`;

/**
 * Counts the moments the poll should be brought to the lead: the run reaching Go/No-Go, and a round
 * opening, while this page is open (not when it loads: it is then at the top already).
 */
function usePollArrivals(snapshot: TRunSnapshot): number {
  const [arrivals, setArrivals] = useState(0);
  const key = snapshot.status === "go_no_go" ? `gate|${snapshot.goNoGo.rounds.length}` : "";
  const previous = useRef(key);
  useEffect(() => {
    if (key && key !== previous.current) setArrivals((n) => n + 1);
    previous.current = key;
  }, [key]);
  return arrivals;
}

export function WarRoom({ initial, role, renderedAt, viewerId, assignableUsers, commsContext, initialCatchUp, dataSources }: TWarRoomProps) {
  const { snapshot, present, send } = useRunLive(initial);
  const connection = useConnectionState();
  const [isShortcutsOpen, setIsShortcutsOpen] = useState(false);
  useChecklistKeys(() => setIsShortcutsOpen((open) => !open));
  // Server time, held at the last message when the connection is lost (countdowns stop).
  const { now, liveness } = useRunLiveClock(renderedAt);
  const [message, setMessage] = useState<TMessage | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const canTick = can(role, "items.tick");
  const canControl = can(role, "runs.control");
  const pollArrivals = usePollArrivals(snapshot);

  // Own ticks show at once, queue per item, and say so while they wait for the connection.
  const { view, act: onItemAction, sendStates } = useItemSender(
    snapshot,
    useCallback((input) => send("item:change", input), [send]),
    liveness.state !== "stale",
    useCallback((item: TSnapshotItem, why: string) => setMessage({ text: `“${item.text}”: ${why}` }), []),
  );

  async function onMove(to: TRunStatus, reason?: string, plannedStart?: string): Promise<string | null> {
    setMessage(null);
    setIsBusy(true);
    const reply = await send("run:status", { to, reason, plannedStart, version: snapshot.version });
    setIsBusy(false);
    if (!("error" in reply)) return null;
    // Shown under the header until the run or its poll changes: then it is about a state that has gone.
    setMessage({ text: reply.error.message, aboutState: moveState(snapshot) });
    return reply.error.message;
  }

  async function onRecordRound(section: TSnapshotSection, note: string): Promise<boolean> {
    setMessage(null);
    const reply = await send("check:complete", { sectionId: section.id, note: note.trim() || undefined });
    if ("error" in reply) setMessage({ text: `“${section.title}”: ${reply.error.message}` });
    return !("error" in reply);
  }

  async function onAdvance(overrideReason?: string): Promise<boolean> {
    setMessage(null);
    const reply = await send("rollout:advance", { fromPercent: snapshot.rolloutPercent, overrideReason });
    if ("error" in reply) setMessage({ text: reply.error.message });
    return !("error" in reply);
  }

  const items = allItems(view);
  const currentPhaseKey = PHASE_OF_STATUS[view.status];
  const focusKey = focusPhaseKey(view);
  const isOver = isTerminal(view.status);
  const finish = isOver
    ? null
    : estimatedFinish(
        view.phases.map((p) => ({ budgetMaxMinutes: p.budgetMaxMinutes, startedAt: p.startedAt ? new Date(p.startedAt) : null, completedAt: p.completedAt ? new Date(p.completedAt) : null })),
        now,
      );
  const linkOf = (item: TSnapshotItem) => (item.metricLink ? snapshotLinkStatus(view, item.metricLink, now) : null);
  const shownMessage = message && (!message.aboutState || message.aboutState === moveState(view)) ? message.text : null;
  const isAtGate = view.status === "go_no_go";

  const phasePanel = (phase: TRunSnapshot["phases"][number]) => (
    <PhasePanel
      // A new focus opens its phase afresh (and folds the one before): the layout follows the run.
      key={`${phase.id}:${phase.key === focusKey}`}
      phase={phase}
      isCurrent={phase.key === currentPhaseKey}
      isFocus={phase.key === focusKey}
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
  );
  const focusPhase = view.phases.find((p) => p.key === focusKey);
  const otherPhases = view.phases.filter((p) => p.key !== focusKey);

  return (
    <div className="space-y-4">
      <RunHeader
        run={view}
        light={statusLight(view, now)}
        isStale={liveness.state === "stale"}
        progress={progress(items)}
        finish={finish}
        canShare={can(role, "share.manage")}
        actions={
          canControl ? (
            <RunControls
              status={view.status}
              runName={view.name}
              window={{ runId: view.id, service: view.service, plannedStart: view.plannedStart, plannedDurationMin: view.plannedDurationMin, leadId: view.roles.find((r) => r.role === "deployment_lead")?.userId }}
              onMove={onMove}
              isBusy={isBusy}
              isRollbackRecommended={recommendationsToDecide(view.metrics, view.status).some((r) => r.isActive)}
            />
          ) : undefined
        }
      >
        {liveness.state === "stale" && <ConnectionLost liveness={liveness} variant="banner" />}
        {view.statusReason && <p className="mt-1 text-sm text-slate-800">Reason: <UserText>{view.statusReason}</UserText></p>}
        {shownMessage && (
          <p role="alert" className="mt-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            ⚠ {shownMessage}
          </p>
        )}
        <RollbackBanner runName={view.name} metrics={view.metrics} status={view.status} canControl={canControl} send={send} />
        <GuardBanner snapshot={view} now={now} canOverride={can(role, "guards.override")} send={send} />
      </RunHeader>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-4">
          <DecisionGuides snapshot={view} role={role} send={send} part="active" />
          {isAtGate && <GoNoGoPanel snapshot={view} viewerId={viewerId} role={role} send={send} bringIntoView={pollArrivals} />}
          {focusPhase && phasePanel(focusPhase)}
          <MetricsPanel snapshot={view} now={now} canControl={canControl} send={send} dataSources={dataSources} />
          {otherPhases.length > 0 && (
            <div className="space-y-2" data-testid="other-phases">
              <p className="text-xs font-bold tracking-wide text-slate-600 uppercase">{focusPhase ? "Other phases" : "Phases"}</p>
              {otherPhases.map(phasePanel)}
            </div>
          )}
          {!isAtGate && <GoNoGoPanel snapshot={view} viewerId={viewerId} role={role} send={send} bringIntoView={0} />}
          <DecisionGuides snapshot={view} role={role} send={send} part="menu" />
        </div>
        <aside className="space-y-4 lg:sticky lg:top-28 lg:self-start">
          <PresencePanel snapshot={view} present={present} isConnected={connection === "connected"} />
          <CommsPanel snapshot={view} now={now} role={role} send={send} context={commsContext} />
          {canTick && <KeyboardHelp />}
          {isShortcutsOpen && <ShortcutsDialog onClose={() => setIsShortcutsOpen(false)} />}
          {assignableUsers && can(role, "users.manage") && <PositionHolders snapshot={view} users={assignableUsers} send={send} />}
          <TimelinePanel snapshot={view} initialCatchUp={initialCatchUp} />
        </aside>
      </div>
    </div>
  );
}
