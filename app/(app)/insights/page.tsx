import Link from "next/link";
import { KeyCards } from "@/components/insights/key-cards";
import { PhaseBudgets } from "@/components/insights/phase-budgets";
import { ServiceTable } from "@/components/insights/service-table";
import { UserText } from "@/components/ui/user-text";
import { requirePageUser } from "@/lib/auth/current-user";
import { DORA_REPORT_NAME } from "@/lib/domain/dora-bands";
import { formatUtcDayMonth } from "@/lib/domain/time-format";
import { loadInsights, REPORT_WEEKS } from "@/lib/insights/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Insights — DORA's four keys" };

export default async function InsightsPage({ searchParams }: { searchParams: Promise<{ service?: string | string[] }> }) {
  await requirePageUser("runs.read");
  const asked = (await searchParams).service;
  const requested = typeof asked === "string" && asked.length <= 100 ? asked : null;
  const { report, phases, phaseRuns, isTruncated } = await loadInsights(new Date(), REPORT_WEEKS, requested);
  // An unknown service reads as every service rather than an empty page.
  const scope = report.services.find((s) => s.service === requested) ?? report.overall;
  const tab = (active: boolean) =>
    `rounded-full border px-3 py-1 text-sm font-semibold ${active ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100"}`;
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <p className="text-sm font-semibold tracking-wide text-slate-600 uppercase">Insights</p>
        <h1 className="text-3xl font-bold text-slate-900">DORA&apos;s four keys{scope.service && <>: <UserText>{scope.service}</UserText></>}</h1>
        <p className="text-slate-700">
          Last {report.weekCount} weeks ({formatUtcDayMonth(report.since)} – {formatUtcDayMonth(report.until)}), from the runs recorded in Warroom. Bands from DORA&apos;s{" "}
          <strong data-testid="dora-source">{DORA_REPORT_NAME}</strong> (Elite, High, Medium, Low).
        </p>
        {isTruncated && <p className="text-sm text-amber-900">Only the newest 5,000 runs of the period are counted.</p>}
      </header>
      <nav aria-label="Service" className="flex flex-wrap gap-2">
        <Link href="/insights" className={tab(scope.service === null)} aria-current={scope.service === null ? "page" : undefined}>All services</Link>
        {report.services.map((s) => (
          <Link key={s.service} href={`/insights?service=${encodeURIComponent(s.service ?? "")}`} className={tab(scope.service === s.service)} aria-current={scope.service === s.service ? "page" : undefined}>
            <UserText>{s.service ?? ""}</UserText>
          </Link>
        ))}
      </nav>
      <KeyCards scope={scope} weekCount={report.weekCount} />
      {scope.service === null && (
        <section className="space-y-2" aria-labelledby="by-service">
          <h2 id="by-service" className="text-xl font-bold text-slate-900">By service</h2>
          <ServiceTable scopes={report.services} />
        </section>
      )}
      <section className="space-y-2" aria-labelledby="phase-budgets">
        <h2 id="phase-budgets" className="text-xl font-bold text-slate-900">Phase durations vs budgets</h2>
        <PhaseBudgets rows={phases} runCount={phaseRuns} />
      </section>
      <section className="space-y-1 text-sm text-slate-700" aria-labelledby="how-counted">
        <h2 id="how-counted" className="text-base font-bold text-slate-900">How these are counted</h2>
        <p><strong>Deployment</strong>: a run that reached production and ended, in the week it ended. <strong>Failed</strong>: rolled back, aborted after production started, or marked faulty during or after its validation window.</p>
        <p><strong>Recovery</strong>: the first rollback recommendation to the run rolled back. <strong>Lead time</strong>: the commit&apos;s time (<code>commitAt</code> in the API, <code>--commit-at</code> in the CLI) to the run completed; runs without one are left out and counted.</p>
      </section>
    </div>
  );
}
