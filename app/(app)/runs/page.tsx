import Link from "next/link";
import { RunsList } from "@/components/runs/runs-list";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/domain/roles";
import { listRuns } from "@/lib/runs/queries";
import { listGuards } from "@/lib/locks/queries";
import { toValidationView } from "@/lib/record/validation";

export const dynamic = "force-dynamic";
export const metadata = { title: "Runs" };

export default async function RunsPage() {
  const user = await requirePageUser("runs.read");
  const [runs, guards] = await Promise.all([listRuns(), listGuards()]);
  const now = new Date();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-bold text-slate-900">Runs</h1>
        {can(user.role, "runs.create") && (
          <Link
            href="/runs/new"
            className="inline-flex items-center gap-2 rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800"
          >
            <span aria-hidden="true">+</span> New run
          </Link>
        )}
      </div>
      <RunsList runs={runs.map((run) => ({ ...run, validation: toValidationView(run, now) }))} guards={{ ...guards, now: Date.now() }} />
    </div>
  );
}
