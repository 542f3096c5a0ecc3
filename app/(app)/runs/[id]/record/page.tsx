import { notFound } from "next/navigation";
import { cache } from "react";
import { RecordReport } from "@/components/record/record-report";
import { currentUser, requirePageUser } from "@/lib/auth/current-user";
import { loadDeploymentRecord } from "@/lib/record/queries";

export const dynamic = "force-dynamic";

// Metadata and page share one load per request.
const recordOf = cache(async (id: string) => (id.length <= 64 ? loadDeploymentRecord(id) : null));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  if (!(await currentUser())) return { title: "Deployment record" };
  const record = await recordOf((await params).id);
  return { title: record ? `${record.run.name} — deployment record` : "Run not found" };
}

export default async function RecordPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("runs.read");
  const record = await recordOf((await params).id);
  if (!record) notFound();
  return <RecordReport record={record} />;
}
