import { VALIDATION_LABELS, type TValidationState } from "@/lib/domain/validation-window";
import { formatUtcDateMinute } from "@/lib/domain/time-format";

// Word and icon, never colour alone. "Validating" names when the window closes: it was judged when
// the page was drawn, not live.
const LOOK: Record<TValidationState, { className: string; icon: string }> = {
  validating: { className: "bg-sky-50 text-sky-900 border-sky-400", icon: "◔" },
  healthy: { className: "bg-emerald-50 text-emerald-900 border-emerald-400", icon: "✓" },
  faulty: { className: "bg-red-700 text-white border-red-800", icon: "✕" },
};

export function ValidationBadge({ state, windowEndsAt }: { state: TValidationState; windowEndsAt: string }) {
  const { className, icon } = LOOK[state];
  return (
    <span
      data-testid="validation-state"
      data-state={state}
      title={state === "validating" ? `Validation window closes ${formatUtcDateMinute(windowEndsAt)}` : undefined}
      className={`inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-sm font-semibold whitespace-nowrap ${className}`}
    >
      <span aria-hidden="true">{icon}</span>
      {VALIDATION_LABELS[state]}
    </span>
  );
}
