import Link from "next/link";
import { Card } from "@/components/ui/card";
import { isTerminal, type TRunStatus } from "@/lib/domain/run-status";
import { formatUtcDateTime } from "@/lib/domain/time-format";
import { RunStatusBadge } from "./run-status-badge";
import { UserText } from "@/components/ui/user-text";
import { GuardIcon } from "@/components/locks/guard-icon";
import { guardsFor, type TFreezeView, type TLockView } from "@/lib/domain/service-guards";

/** Locks and freezes, and the time to judge the freezes at (the page's render time). */
export type TRunsGuards = { locks: TLockView[]; freezes: TFreezeView[]; now: number };

export type TRunListRow = {
  id: string;
  name: string;
  service: string;
  targetVersion: string;
  status: TRunStatus;
  plannedStart: Date;
};

type TGroup = "active" | "planned" | "finished";

const GROUPS: { key: TGroup; title: string; empty: string }[] = [
  { key: "active", title: "Active", empty: "No run is under way." },
  { key: "planned", title: "Planned", empty: "Nothing planned." },
  { key: "finished", title: "Finished", empty: "No run has finished yet." },
];

function groupOf(status: TRunStatus): TGroup {
  if (isTerminal(status)) return "finished";
  return status === "planned" || status === "rescheduled" ? "planned" : "active";
}

/**
 * The page's runs grouped by where they stand; rows keep the order given (newest first). `empty`:
 * what to say when a filter matched nothing (otherwise: there are no runs at all yet).
 */
export function RunsList({ runs, guards, empty }: { runs: TRunListRow[]; guards: TRunsGuards; empty?: string }) {
  if (runs.length === 0) {
    return (
      <Card>
        <p className="text-slate-700" data-testid="runs-empty">
          {empty ?? "No runs yet. A run is one deployment worked through the runbook, from pre-deployment checks to monitoring."}
        </p>
      </Card>
    );
  }
  return (
    <div className="space-y-8">
      {GROUPS.map((group) => {
        const rows = runs.filter((r) => groupOf(r.status) === group.key);
        const headingId = `runs-${group.key}`;
        return (
          <section key={group.key} aria-labelledby={headingId} data-testid={`runs-group-${group.key}`}>
            <h2 id={headingId} className="mb-3 text-xl font-bold text-slate-900">
              {group.title} <span className="font-medium text-slate-600">({rows.length})</span>
            </h2>
            {rows.length === 0 ? (
              <p className="text-slate-600">{group.empty}</p>
            ) : (
              <RunsTable rows={rows} guards={guards} />
            )}
          </section>
        );
      })}
    </div>
  );
}

/** Locked / Frozen beside a run still to deploy, the reason in words for screen readers and on hover. */
function GuardBadges({ service, guards }: { service: string; guards: TRunsGuards }) {
  const held = guardsFor(service, guards, guards.now);
  if (held.length === 0) return null;
  return (
    <span className="mt-1 flex flex-wrap gap-1">
      {held.map((g) => (
        <span key={g.key} title={g.message} data-testid="run-guard" className="rounded bg-sky-900 px-1.5 py-0.5 text-xs font-bold text-white">
          <GuardIcon source={g.source} /> {g.source === "lock" ? "Locked" : "Frozen"}
          <span className="sr-only">: {g.message}</span>
        </span>
      ))}
    </span>
  );
}

function RunsTable({ rows, guards }: { rows: TRunListRow[]; guards: TRunsGuards }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      {/* Fixed widths so the three groups' columns line up under each other. */}
      <table className="w-full table-fixed text-left text-sm">
        <colgroup>
          <col className="w-[30%]" />
          <col className="w-[15%]" />
          <col className="w-[12%]" />
          <col className="w-[18%]" />
          <col className="w-[17%]" />
          <col className="w-[8%]" />
        </colgroup>
        <thead>
          <tr className="border-b border-slate-200 text-slate-700">
            <th scope="col" className="px-4 py-2">Run</th>
            <th scope="col" className="px-4 py-2">Service</th>
            <th scope="col" className="px-4 py-2">Version</th>
            <th scope="col" className="px-4 py-2">Status</th>
            <th scope="col" className="px-4 py-2">Planned start</th>
            <th scope="col" className="px-4 py-2"><span className="sr-only">Bridge screen</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((run) => (
            <tr key={run.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50" data-testid="run-row">
              <td className="px-4 py-3">
                <Link href={`/runs/${run.id}`} className="font-semibold text-blue-800 underline-offset-2 hover:underline">
                  <UserText>{run.name}</UserText>
                </Link>
              </td>
              <td className="truncate px-4 py-3 text-slate-800"><UserText>{run.service}</UserText></td>
              <td className="truncate px-4 py-3 font-mono text-slate-800"><UserText>{run.targetVersion}</UserText></td>
              <td className="px-4 py-3">
                <RunStatusBadge status={run.status} />
                {!isTerminal(run.status) && <GuardBadges service={run.service} guards={guards} />}
              </td>
              <td className="px-4 py-3 whitespace-nowrap text-slate-800">{formatUtcDateTime(run.plannedStart)}</td>
              <td className="px-4 py-3 text-right">
                {!isTerminal(run.status) && (
                  <Link
                    href={`/runs/${run.id}/bridge`}
                    className="whitespace-nowrap text-slate-700 underline-offset-2 hover:underline"
                    aria-label={`Bridge screen for ${run.name}`}
                  >
                    Bridge <span aria-hidden="true">↗</span>
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
