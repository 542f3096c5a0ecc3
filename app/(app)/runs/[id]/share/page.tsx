// /runs/<id>/share – leads create, list and revoke the run's stakeholder status links.
import { notFound } from "next/navigation";
import { ShareLinksManager } from "@/components/status/share-links-manager";
import { requirePageUser } from "@/lib/auth/current-user";
import { getShareRun, listShareLinks } from "@/lib/share/server/share-links";

export const dynamic = "force-dynamic";
export const metadata = { title: "Status links" };

export default async function ShareLinksPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("share.manage");
  const { id } = await params;
  const run = await getShareRun(id);
  if (!run) notFound();
  return <ShareLinksManager run={run} links={await listShareLinks(run.id)} renderedAt={new Date().toISOString()} />;
}
