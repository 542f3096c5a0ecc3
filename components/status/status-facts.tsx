import type { TPublicView } from "@/lib/domain/public-status";
import { formatUtcDateTime } from "@/lib/domain/time-format";
import { UserText } from "@/components/ui/user-text";

function Fact({ label, testId, children }: { label: string; testId: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3" data-testid={testId}>
      <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{label}</dt>
      <dd className="mt-1 text-lg font-semibold break-words text-slate-900">{children}</dd>
    </div>
  );
}

function Bar({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} className="mt-2 h-2 rounded-full bg-slate-200">
      <div className="h-2 rounded-full bg-emerald-600" style={{ width: `${percent}%` }} />
    </div>
  );
}

/** The facts a stakeholder asks on the call: where are we, how far, when done, did we get a GO. */
export function StatusFacts({ view }: { view: TPublicView }) {
  return (
    <dl className="grid gap-3 sm:grid-cols-2">
      <Fact label={view.isFinished ? "Last phase" : "Current phase"} testId="status-phase">
        {view.isFinished ? (
          // The light above already says how it ended: here, only where.
          <>{view.lastPhase ?? "Not started"}</>
        ) : view.phase ? (
          <>
            <UserText>{view.phase.title}</UserText>
            <span className="block text-sm font-normal text-slate-700">
              Phase {view.phase.number} of {view.phase.of} · {view.phase.done} of {view.phase.total} steps done
            </span>
            <Bar value={view.phase.done} max={view.phase.total} label="Phase progress" />
          </>
        ) : (
          <>{view.stage}</>
        )}
      </Fact>
      <Fact label="Overall progress" testId="status-progress">
        {view.progress.done} of {view.progress.total} steps done
        {view.progress.failed > 0 && <span className="block text-sm font-normal text-amber-800">⚠ {view.progress.failed} failed</span>}
        <Bar value={view.progress.done} max={view.progress.total} label="Overall progress" />
      </Fact>
      <Fact label={view.isFinished ? "Finished" : "Expected finish"} testId="status-finish">
        {view.isFinished ? (view.endedAt ? formatUtcDateTime(view.endedAt) : "—") : view.expectedFinish ? `≈ ${formatUtcDateTime(view.expectedFinish)}` : "—"}
        <span className="block text-sm font-normal text-slate-700">
          {view.startedAt ? `Started ${formatUtcDateTime(view.startedAt)}` : `Planned start ${formatUtcDateTime(view.plannedStart)}`}
        </span>
      </Fact>
      <Fact label="Go / No-Go" testId="status-go-no-go">
        <span data-state={view.goNoGo.state}>{view.goNoGo.text}</span>
      </Fact>
      {view.rolloutPercent !== null && (
        <Fact label="Production traffic on the new version" testId="status-rollout">
          {view.rolloutPercent}%
          <Bar value={view.rolloutPercent} max={100} label="Rollout" />
        </Fact>
      )}
      {view.statusReason && (
        <Fact label="Reason given" testId="status-reason-given">
          <span className="font-normal whitespace-pre-wrap"><UserText>{view.statusReason}</UserText></span>
        </Fact>
      )}
    </dl>
  );
}
