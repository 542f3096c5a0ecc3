import { STATUS_LABELS, type TRunStatus } from "@/lib/domain/run-status";

// Colour is never the only signal: every badge carries the status word, end states an icon too.
const LOOK: Record<TRunStatus, { className: string; icon?: string }> = {
  planned: { className: "bg-slate-100 text-slate-800 border-slate-300" },
  rescheduled: { className: "bg-slate-100 text-slate-800 border-slate-300", icon: "↻" },
  pre_deployment: { className: "bg-blue-50 text-blue-900 border-blue-300" },
  staging: { className: "bg-blue-50 text-blue-900 border-blue-300" },
  smoke_tests: { className: "bg-blue-50 text-blue-900 border-blue-300" },
  go_no_go: { className: "bg-violet-50 text-violet-900 border-violet-300", icon: "?" },
  production: { className: "bg-indigo-100 text-indigo-900 border-indigo-300", icon: "▲" },
  validation: { className: "bg-indigo-50 text-indigo-900 border-indigo-300" },
  monitoring: { className: "bg-indigo-50 text-indigo-900 border-indigo-300" },
  completed: { className: "bg-emerald-50 text-emerald-900 border-emerald-300", icon: "✓" },
  rolled_back: { className: "bg-red-50 text-red-900 border-red-300", icon: "↺" },
  aborted: { className: "bg-amber-50 text-amber-900 border-amber-400", icon: "✕" },
};

export function RunStatusBadge({ status }: { status: TRunStatus }) {
  const { className, icon } = LOOK[status];
  return (
    <span
      data-testid="run-status"
      data-status={status}
      className={`inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-sm font-semibold whitespace-nowrap ${className}`}
    >
      {icon && <span aria-hidden="true">{icon}</span>}
      {STATUS_LABELS[status]}
    </span>
  );
}
