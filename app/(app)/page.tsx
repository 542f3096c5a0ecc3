import { TemplateOverview } from "@/components/templates/template-overview";
import { requirePageUser } from "@/lib/auth/current-user";
import { ZPlaybook } from "@/lib/domain/template-definition";
import { getDefaultTemplate } from "@/lib/templates/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Home" };

export default async function HomePage() {
  await requirePageUser("templates.read");
  const template = await getDefaultTemplate();
  if (!template) {
    return <p className="text-slate-700">No template yet. Restart Warroom to seed the Deployment Day runbook.</p>;
  }
  return <TemplateOverview template={{ ...template, playbook: ZPlaybook.parse(template.playbook) }} />;
}
