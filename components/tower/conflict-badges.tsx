// A planned window's conflicts, each a warning with its reason in words (never colour alone): on the
// tower's rows, the upcoming windows and the calendar.
import { CONFLICT_LABELS, type TWindowConflict } from "@/lib/domain/window-conflicts";
import { TOWER_LOOK, type TTowerVariant } from "./tower-look";

export function ConflictBadges({ conflicts, variant = "desktop" }: { conflicts: TWindowConflict[]; variant?: TTowerVariant }) {
  if (conflicts.length === 0) return null;
  return (
    <ul className={`mt-1 space-y-0.5 ${TOWER_LOOK[variant].badge}`} aria-label="Conflicts">
      {conflicts.map((c) => (
        <li key={`${c.kind}:${c.withId}`} data-testid="window-conflict" data-kind={c.kind} className="rounded bg-amber-300 px-1.5 py-0.5 font-semibold text-slate-950">
          <span aria-hidden="true">⚠ </span>{CONFLICT_LABELS[c.kind]}: {c.reason}
        </li>
      ))}
    </ul>
  );
}
