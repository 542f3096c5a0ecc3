// What an imported runbook was understood as, before anything is created: counts per kind, the
// phases it makes, and every line not understood with its number and where it was kept.
import { UNDERSTOOD_KINDS, UNDERSTOOD_LABELS } from "@/lib/domain/runbook-markdown/types";
import type { TRunbookPreview } from "@/lib/templates/runbooks";
import { UserText } from "@/components/ui/user-text";

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function ImportPreview({ preview: answer }: { preview: TRunbookPreview }) {
  const { understood, notUnderstood, assumed } = answer.preview;
  return (
    <section aria-label="Import preview" className="space-y-4" data-testid="import-preview">
      <div>
        <h3 className="text-base font-bold text-slate-900">
          Understood as “<UserText>{answer.name}</UserText>”
        </h3>
        <dl className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4" aria-label="Understood">
          {UNDERSTOOD_KINDS.map((kind) => (
            <div key={kind} className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2">
              <dt className="text-xs font-semibold text-emerald-900">{UNDERSTOOD_LABELS[kind]}</dt>
              <dd className="text-2xl font-bold text-emerald-950" data-testid={`understood-${kind}`}>{understood[kind]}</dd>
            </div>
          ))}
        </dl>
      </div>
      <ol className="grid gap-2 text-sm text-slate-800 sm:grid-cols-2" aria-label="Phases">
        {answer.phases.map((p, i) => (
          <li key={i} className="rounded-md border border-slate-200 px-3 py-2">
            <span className="font-semibold"><UserText>{p.title}</UserText></span>
            <span className="text-slate-600"> · {count(p.sections.length, "section")} · {count(p.sections.reduce((t, s) => t + s.items, 0), "item")}</span>
          </li>
        ))}
      </ol>
      <div>
        <h3 className="text-base font-bold text-slate-900">
          Not understood: {notUnderstood.length === 0 ? "nothing" : `${notUnderstood.length} ${notUnderstood.length === 1 ? "line" : "lines"}, kept as notes`}
        </h3>
        {notUnderstood.length > 0 && (
          <table className="mt-2 w-full table-fixed border-collapse text-left text-sm" aria-label="Not understood">
            <thead>
              <tr className="border-b border-slate-300 text-slate-700">
                <th className="w-16 py-1 pr-2 font-semibold">Line</th>
                <th className="py-1 pr-2 font-semibold">Text</th>
                <th className="w-64 py-1 font-semibold">Kept as</th>
              </tr>
            </thead>
            <tbody>
              {notUnderstood.map((n, i) => (
                <tr key={i} className="border-b border-slate-100 align-top" data-testid="not-understood-row">
                  <td className="py-1 pr-2 font-mono text-slate-700">{n.line}</td>
                  <td className="truncate py-1 pr-2 font-mono text-slate-900" title={n.text}><UserText>{`${n.text.split("\n")[0]}${n.text.includes("\n") ? " …" : ""}`}</UserText></td>
                  <td className="py-1 text-amber-900"><UserText>{n.keptAs}</UserText></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {assumed.length > 0 && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <h3 className="font-bold">Missing from the runbook, so assumed</h3>
          <ul className="mt-1 list-disc pl-5">{assumed.map((a, i) => <li key={i}>{a}</li>)}</ul>
        </div>
      )}
    </section>
  );
}
