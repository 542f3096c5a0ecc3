// The {{field}} placeholders a communication template may use, with what each is filled with: shown
// by the run's template editor and by the template editor's communications section.
import { COMMS_FIELDS } from "@/lib/domain/comms-fields";

export function CommsFieldList({ summary, isWide = false }: { summary: string; isWide?: boolean }) {
  return (
    <details className="text-sm text-slate-700">
      <summary className="cursor-pointer font-semibold">{summary}</summary>
      <ul className={`mt-2 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2 ${isWide ? "lg:grid-cols-3" : ""}`}>
        {COMMS_FIELDS.map((f) => (
          <li key={f.key}>
            <code className="font-mono text-xs text-slate-900">{`{{${f.key}}}`}</code> <span className="text-xs">{f.hint}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
