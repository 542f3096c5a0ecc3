import Link from "next/link";
import type { TTemplateListEntry } from "@/lib/templates/editor-queries";
import { UserText } from "@/components/ui/user-text";

/** Every template with what it holds and how many runs were made from it. */
export function TemplatesList({ templates, canEdit }: { templates: TTemplateListEntry[]; canEdit: boolean }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Templates">
      {templates.map((t) => (
        <li key={t.id} className="flex flex-wrap items-center gap-4 p-4" data-testid="template-row">
          <div className="min-w-0 flex-1">
            <p className="flex items-center gap-2 text-lg font-bold text-slate-900">
              <UserText>{t.name}</UserText>
              {t.isDefault && <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-700">Default</span>}
              {t.isBuiltIn && <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">Built in</span>}
            </p>
            <p className="text-sm text-slate-600">
              {t.phaseCount} phases · {t.itemCount} checklist items · {t.runCount} {t.runCount === 1 ? "run" : "runs"}
            </p>
          </div>
          <a href={`/api/v1/templates/${t.id}/export`} download className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-semibold text-slate-900 hover:bg-slate-100" aria-label={`Download Markdown of ${t.name}`}>
            Download Markdown
          </a>
          {canEdit && !t.isBuiltIn && (
            <Link href={`/templates/${t.id}/edit`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-semibold text-slate-900 hover:bg-slate-100" aria-label={`Edit ${t.name}`}>
              Edit
            </Link>
          )}
          {canEdit && t.isBuiltIn && <span className="text-sm text-slate-600">Copy it to make your own version</span>}
        </li>
      ))}
    </ul>
  );
}
