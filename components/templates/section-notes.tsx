// The notes an imported runbook had in a section that no field holds: shown as written (never
// dropped), in the template editor and in the run's checklist.
import { UserText } from "@/components/ui/user-text";

export function SectionNotes({ notes }: { notes?: readonly string[] }) {
  if (!notes?.length) return null;
  return (
    <div className="mt-2 rounded-md border border-slate-200 bg-white p-3" data-testid="section-notes">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Notes from the runbook</p>
      <ul className="mt-1 space-y-1">
        {notes.map((note, i) => (
          <li key={i} className="whitespace-pre-wrap break-words font-mono text-sm text-slate-800">
            <UserText>{note}</UserText>
          </li>
        ))}
      </ul>
    </div>
  );
}
