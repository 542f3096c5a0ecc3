"use client";
// The war room's sticky header: what the run is, where it stands (status, light, progress, expected
// finish) and the primary action, visible however far down the lead has scrolled. Below it, only what
// needs the lead now: a lost connection, the reason given, a refusal, a rollback recommendation.
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import { STATUS_LABELS } from "@/lib/domain/run-status";
import type { TStatusLight } from "@/lib/domain/status-light";
import { formatUtcMinute } from "@/lib/domain/time-format";
import { STALE_LOOK } from "@/components/realtime/connection-lost";
import { UserText } from "@/components/ui/user-text";
import { StatusLightChip } from "./status-light-chip";

type TProps = {
  run: Pick<TRunSnapshot, "id" | "name" | "service" | "targetVersion" | "commit" | "status">;
  light: TStatusLight;
  isStale: boolean;
  progress: { done: number; total: number };
  finish: Date | null;
  canShare: boolean;
  /** The lead's controls (primary action first); absent for those who cannot move the run. */
  actions?: React.ReactNode;
  /** What needs the lead now, under the summary row (connection lost, refusal, rollback banner). */
  children?: React.ReactNode;
};

export function RunHeader({ run, light, isStale, progress, finish, canShare, actions, children }: TProps) {
  const { done, total } = progress;
  return (
    <header className="sticky top-0 z-10 -mx-6 border-b border-slate-300 bg-white/95 px-6 py-2 backdrop-blur" data-testid="run-header">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="max-w-sm min-w-0">
          <h1 className="truncate text-xl font-bold text-slate-900" title={run.name}><UserText>{run.name}</UserText></h1>
          {/* The links never truncate: a long service or version gives way first. */}
          <p className="flex gap-1 text-xs whitespace-nowrap text-slate-700">
            <span className="truncate">
              <UserText>{run.service}</UserText> · <UserText>{run.targetVersion}</UserText>
              {run.commit && <> · <code className="font-mono"><UserText>{run.commit}</UserText></code></>}
            </span>
            <span className="shrink-0">
              · <a href={`/runs/${run.id}/record`} className="font-semibold text-blue-800 underline">Deployment record</a>
              {canShare && <> · <a href={`/runs/${run.id}/share`} className="font-semibold text-blue-800 underline">Status links</a></>}
            </span>
          </p>
        </div>
        {/* The run's badges: status, then the light (other badges, e.g. a lock, go beside them). */}
        <div className="flex items-center gap-2" data-testid="run-badges">
          <p className="rounded-md bg-slate-900 px-3 py-1 text-base font-bold text-white" data-testid="run-status" data-status={run.status}>
            {STATUS_LABELS[run.status]}
          </p>
          {/* A lost connection drains the verdict's colour: the banner below says why. */}
          <div className={isStale ? STALE_LOOK : ""}><StatusLightChip light={light} /></div>
        </div>
        <div className="w-36">
          <p className="text-sm font-semibold text-slate-900" data-testid="run-progress">{done} of {total} done</p>
          <div className="mt-1 h-2 rounded bg-slate-200" aria-hidden="true">
            <div className="h-2 rounded bg-emerald-600" style={{ width: `${total ? (done / total) * 100 : 0}%` }} />
          </div>
          {finish && (
            <p className="mt-0.5 text-xs text-slate-700">
              Est. finish <span className="font-semibold text-slate-900">{formatUtcMinute(finish)}</span>
            </p>
          )}
        </div>
        {actions && <div className="ml-auto">{actions}</div>}
      </div>
      {children}
    </header>
  );
}
