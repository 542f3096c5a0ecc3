// Every service's four keys side by side, each with its band, so the one that drags is plain.
import Link from "next/link";
import { formatPerWeek, formatRate, formatSpan } from "@/lib/domain/dora-format";
import type { TDoraBand } from "@/lib/domain/dora-bands";
import type { TDoraScope } from "@/lib/domain/dora";
import { UserText } from "@/components/ui/user-text";
import { BandBadge } from "./band-badge";

function Cell({ value, band }: { value: string; band: TDoraBand | null }) {
  return (
    <td className="px-3 py-2">
      <span className="flex flex-wrap items-center gap-2">
        <span className="font-semibold text-slate-900 tabular-nums">{value}</span>
        {band && <BandBadge band={band} size="sm" />}
      </span>
    </td>
  );
}

const orDash = (value: number | null, format: (v: number) => string) => (value === null ? "—" : format(value));

export function ServiceTable({ scopes }: { scopes: TDoraScope[] }) {
  if (scopes.length === 0) return <p className="text-slate-700">No deployment reached production in these weeks.</p>;
  const th = "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm" data-testid="dora-services">
        <thead className="border-b border-slate-200">
          <tr>
            <th scope="col" className={th}>Service</th>
            <th scope="col" className={th}>Deployments</th>
            <th scope="col" className={th}>Change failure rate</th>
            <th scope="col" className={th}>Recovery (median)</th>
            <th scope="col" className={th}>Lead time (median)</th>
          </tr>
        </thead>
        <tbody>
          {scopes.map((s) => (
            <tr key={s.service} className="border-b border-slate-100 last:border-0" data-testid="dora-service-row">
              <th scope="row" className="px-3 py-2 text-left font-semibold">
                <Link href={`/insights?service=${encodeURIComponent(s.service ?? "")}`} className="text-blue-800 underline-offset-2 hover:underline"><UserText>{s.service ?? ""}</UserText></Link>
              </th>
              <Cell value={`${formatPerWeek(s.totals.deploymentsPerWeek)} (${s.totals.deployments})`} band={s.bands.deploymentFrequency} />
              <Cell value={s.totals.changeFailureRate === null ? "—" : `${formatRate(s.totals.changeFailureRate)} (${s.totals.failures} of ${s.totals.deployments})`} band={s.bands.changeFailureRate} />
              <Cell value={orDash(s.totals.recoveryMedianMinutes, formatSpan)} band={s.bands.recoveryTime} />
              <Cell value={orDash(s.totals.leadTimeMedianMinutes, formatSpan)} band={s.bands.leadTime} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
