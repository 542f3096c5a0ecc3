// The runs list's filters as a plain GET form: submitting writes them into the URL (/runs?…), so the
// list a lead sees can be shared as a link, and the form works before any JavaScript has loaded.
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { RUN_STATUSES, STATUS_LABELS } from "@/lib/domain/run-status";
import type { TRunsFilter } from "@/lib/domain/runs-filter";

export function RunsFilterForm({ filter, isFiltered }: { filter: Partial<TRunsFilter>; isFiltered: boolean }) {
  return (
    <form method="get" action="/runs" role="search" aria-label="Filter runs" data-testid="runs-filter" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_1fr_auto]">
      <TextField label="Search name, service or version" id="runs-q" name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} />
      <TextField label="Service" id="runs-service" name="service" defaultValue={filter.service ?? ""} maxLength={100} />
      <SelectField label="Status" id="runs-status" name="status" defaultValue={filter.status ?? ""}>
        <option value="">Any status</option>
        {RUN_STATUSES.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABELS[status]}
          </option>
        ))}
      </SelectField>
      <TextField label="Planned from" id="runs-from" name="from" type="date" defaultValue={filter.from ?? ""} />
      <TextField label="Planned to" id="runs-to" name="to" type="date" defaultValue={filter.to ?? ""} />
      <div className="flex items-end gap-2">
        <Button type="submit">Filter</Button>
        {isFiltered && (
          <Link href="/runs" className="rounded-md px-3 py-2 text-sm font-semibold text-slate-700 underline-offset-2 hover:underline">
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
