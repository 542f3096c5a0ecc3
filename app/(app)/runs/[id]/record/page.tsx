import { notFound } from "next/navigation";
import { cache } from "react";
import { RecordReport } from "@/components/record/record-report";
import { ValidationPanel } from "@/components/record/validation-panel";
import { currentUser, requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/domain/roles";
import { loadDeploymentRecord } from "@/lib/record/queries";
import { loadValidation } from "@/lib/record/validation";

export const dynamic = "force-dynamic";

// Metadata and page share one load per request.
const recordOf = cache(async (id: string) => (id.length <= 64 ? loadDeploymentRecord(id) : null));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  if (!(await currentUser())) return { title: "Deployment record" };
  const record = await recordOf((await params).id);
  return { title: record ? `${record.run.name} — deployment record` : "Run not found" };
}

export default async function RecordPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("runs.read");
  const id = (await params).id;
  const [record, validation] = await Promise.all([recordOf(id), id.length <= 64 ? loadValidation(id) : null]);
  if (!record) notFound();
  return (
    <RecordReport record={record}>
      {validation && <ValidationPanel validation={validation} runId={record.run.id} runName={record.run.name} canMark={can(user.role, "runs.control")} />}
    </RecordReport>
  );
}
