import Link from "next/link";
import { TemplateOverview } from "@/components/templates/template-overview";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/domain/roles";
import { ZPlaybook } from "@/lib/domain/template-definition";
import { getDefaultTemplate } from "@/lib/templates/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Home" };

export default async function HomePage() {
  const user = await requirePageUser("templates.read");
  const template = await getDefaultTemplate();
  if (!template) {
    return <p className="text-slate-700">No template yet. Restart Warroom to seed the Deployment Day runbook.</p>;
  }
  return (
    <div className="space-y-4">
      <TemplateOverview template={{ ...template, playbook: ZPlaybook.parse(template.playbook) }} />
      <p className="text-sm text-slate-700">
        <Link href="/templates" className="font-semibold text-blue-800 underline-offset-2 hover:underline">All templates</Link>
        {can(user.role, "templates.edit") ? ": copy this runbook and edit the copy for your own deployments." : "."}
      </p>
    </div>
  );
}
