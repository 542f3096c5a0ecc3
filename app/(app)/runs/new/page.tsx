import { NewRunForm } from "@/components/runs/new-run-form";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { listUsers } from "@/lib/auth/users";
import { listTemplateChoices } from "@/lib/templates/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "New run" };

export default async function NewRunPage({ searchParams }: { searchParams: Promise<{ template?: string | string[] }> }) {
  await requirePageUser("runs.create");
  const { template } = await searchParams;
  const [templates, users] = await Promise.all([listTemplateChoices(), listUsers()]);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-3xl font-bold text-slate-900">New run</h1>
      {templates.length === 0 ? (
        <Card>
          <p className="text-slate-700">No template yet. Restart Warroom to seed the Deployment Day runbook.</p>
        </Card>
      ) : (
        <Card>
          <NewRunForm templates={templates} users={users} templateId={typeof template === "string" ? template : undefined} />
        </Card>
      )}
    </div>
  );
}
