// Where the list's page stands and the way to older runs. Keyset pages have no page numbers: the list
// goes back in time from the newest run, one page at a time, and "Newest runs" returns to the start.
import Link from "next/link";
import { runsListHref, type TRunsCursor, type TRunsFilter } from "@/lib/domain/runs-filter";
import { formatUtcDateTime } from "@/lib/domain/time-format";

const link = "font-semibold text-blue-800 underline-offset-2 hover:underline";

export function RunsPager({ filter, next, shown, isFooter = false }: { filter: TRunsFilter; next: TRunsCursor | null; shown: number; isFooter?: boolean }) {
  const where = filter.after ? `created before ${formatUtcDateTime(filter.after.createdAt)}` : "newest first";
  return (
    <nav aria-label={isFooter ? "More runs" : "Runs pages"} className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700" data-testid={isFooter ? undefined : "runs-pager"}>
      {!isFooter && (
        <p data-testid="runs-page-summary">
          {shown} run{shown === 1 ? "" : "s"} {where}
          {next ? "; older runs on the next page." : "."}
        </p>
      )}
      <span className="flex gap-4">
        {filter.after && (
          <Link href={runsListHref(filter)} className={link}>
            <span aria-hidden="true">⇤ </span>Newest runs
          </Link>
        )}
        {next && (
          <Link href={runsListHref(filter, next)} className={link} data-testid={isFooter ? undefined : "runs-older"}>
            Older runs<span aria-hidden="true"> →</span>
          </Link>
        )}
      </span>
    </nav>
  );
}
