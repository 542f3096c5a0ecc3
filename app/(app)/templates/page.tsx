import { CopyTemplateForm } from "@/components/templates/copy-template-form";
import { ImportRunbookForm } from "@/components/templates/import-runbook-form";
import { TemplatesList } from "@/components/templates/templates-list";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/domain/roles";
import { listTemplates } from "@/lib/templates/editor-queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const user = await requirePageUser("templates.read");
  const templates = await listTemplates();
  const canEdit = can(user.role, "templates.edit");
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-slate-900">Templates</h1>
        <p className="mt-1 text-slate-700">A run copies its template when it is created: editing a template never changes a run already made from it.</p>
      </div>
      {canEdit && templates.length > 0 && (
        <Card>
          <h2 className="mb-3 text-lg font-bold text-slate-900">Copy a template</h2>
          <CopyTemplateForm templates={templates} />
        </Card>
      )}
      {canEdit && (
        <Card>
          <h2 className="text-lg font-bold text-slate-900">Import Markdown</h2>
          <p className="mb-3 text-sm text-slate-700">A runbook in the shape of the built-in one: phases and sections as headings with their time budgets, “- [ ]” items, fenced commands with “Should show: …”, and the go/no-go, thresholds, rollback triggers, decision trees and messages.</p>
          <ImportRunbookForm />
        </Card>
      )}
      <TemplatesList templates={templates} canEdit={canEdit} />
    </div>
  );
}
