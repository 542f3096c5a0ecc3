import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyTemplateForm } from "@/components/templates/copy-template-form";
import { TemplateEditor } from "@/components/templates/template-editor";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { getTemplateForEditor } from "@/lib/templates/editor-queries";
import { listDataSourceChoices } from "@/lib/datasources/queries";
import { UserText } from "@/components/ui/user-text";

export const dynamic = "force-dynamic";
export const metadata = { title: "Edit template" };

export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("templates.edit");
  const { id } = await params;
  const template = await getTemplateForEditor(id);
  if (!template) notFound();
  if (template.isBuiltIn) {
    return (
      <div className="mx-auto max-w-3xl space-y-4">
        <h1 className="text-3xl font-bold text-slate-900"><UserText>{template.draft.name}</UserText></h1>
        <Card>
          <p className="mb-4 text-slate-700">
            This template is built in, so it stays as the runbook wrote it. Copy it and edit the copy.
          </p>
          <CopyTemplateForm templates={[{ id: template.id, name: template.draft.name }]} defaultTemplateId={template.id} />
        </Card>
        <Link href="/templates" className="text-sm font-medium text-slate-700 underline-offset-2 hover:underline">All templates</Link>
      </div>
    );
  }
  const dataSources = await listDataSourceChoices();
  return <TemplateEditor templateId={template.id} version={template.version} runCount={template.runCount} draft={template.draft} dataSources={dataSources} />;
}
