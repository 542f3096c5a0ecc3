// The validation window on a completed run's record: validating until its post-deployment budget has
// passed, then healthy, or faulty with who found what. Judged when the page was drawn.
import { ValidationBadge } from "@/components/runs/validation-badge";
import { UserText } from "@/components/ui/user-text";
import { formatUtcDateMinute } from "@/lib/domain/time-format";
import type { TValidationView } from "@/lib/record/validation";
import { MarkFaulty } from "./mark-faulty";

const LOOK = {
  validating: "border-sky-400 bg-sky-50",
  healthy: "border-emerald-400 bg-emerald-50",
  faulty: "border-red-700 bg-red-50",
} as const;

export function ValidationPanel({ validation, runId, runName, canMark }: { validation: TValidationView; runId: string; runName: string; canMark: boolean }) {
  const closes = formatUtcDateMinute(validation.windowEndsAt);
  return (
    <section className={`flex flex-wrap items-start gap-4 rounded-lg border-2 p-4 print:break-inside-avoid ${LOOK[validation.state]}`} data-testid="record-validation">
      <div className="min-w-0 flex-1 space-y-1">
        <h2 className="flex flex-wrap items-center gap-2 text-lg font-bold text-slate-900">
          Validation <ValidationBadge state={validation.state} windowEndsAt={validation.windowEndsAt} />
        </h2>
        {validation.faulty ? (
          <p className="text-sm text-slate-900" data-testid="faulty-reason">
            Marked faulty by <strong><UserText>{validation.faulty.byName}</UserText></strong> at {formatUtcDateMinute(validation.faulty.at)}:{" "}
            <strong><UserText>{validation.faulty.reason}</UserText></strong>. It counts as a failed change.
          </p>
        ) : validation.state === "validating" ? (
          <p className="text-sm text-slate-800">Completed; in its post-deployment monitoring window until <strong>{closes}</strong>. Healthy after that unless marked faulty.</p>
        ) : (
          <p className="text-sm text-slate-800">Its validation window closed at {closes} with nothing found. It can still be marked faulty if a problem surfaces.</p>
        )}
      </div>
      {canMark && !validation.faulty && (
        <div className="print:hidden">
          <MarkFaulty runId={runId} runName={runName} />
        </div>
      )}
    </section>
  );
}
