import Link from "next/link";
import { LiveRunsList } from "@/components/runs/live-runs-list";
import { RunsFilterForm } from "@/components/runs/runs-filter-form";
import { RunsPager } from "@/components/runs/runs-pager";
import { FormError } from "@/components/ui/field";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/domain/roles";
import { isFiltered, parseRunsFilter } from "@/lib/domain/runs-filter";
import { listRunsPage } from "@/lib/runs/list-query";
import { listGuards } from "@/lib/locks/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Runs" };

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RunsPage({ searchParams }: { searchParams: TSearchParams }) {
  const user = await requirePageUser("runs.read");
  const parsed = parseRunsFilter(await searchParams);
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
      {parsed.ok ? <FilteredRuns filter={parsed.filter} /> : <BadFilter problems={parsed.problems} />}
    </div>
  );
}

async function FilteredRuns({ filter }: { filter: Parameters<typeof listRunsPage>[0] }) {
  const [page, guards] = await Promise.all([listRunsPage(filter), listGuards()]);
  const filtered = isFiltered(filter);
  return (
    <>
      <RunsFilterForm filter={filter} isFiltered={filtered} />
      <RunsPager filter={filter} next={page.next} shown={page.runs.length} />
      <LiveRunsList runs={page.runs} guards={{ ...guards, now: Date.now() }} empty={filtered || filter.after ? "No run matches these filters." : undefined} />
      {page.next && <RunsPager filter={filter} next={page.next} shown={page.runs.length} isFooter />}
    </>
  );
}

/** A hand-edited or stale link: say which parameter is wrong, keep the way back. */
function BadFilter({ problems }: { problems: { field: string; message: string }[] }) {
  return (
    <div className="space-y-4" data-testid="runs-filter-problems">
      <FormError message={`This list's link cannot be read: ${problems.map((p) => `${p.field} ${p.message}`).join("; ")}.`} />
      <Link href="/runs" className="inline-block font-semibold text-blue-800 underline-offset-2 hover:underline">
        Show all runs
      </Link>
    </div>
  );
}
