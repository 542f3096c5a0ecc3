// The four keys for one scope (every service, or one): the figure over the period, its band and what
// the band means, how it was counted, and the figure week by week.
import { BAND_MEANING, type TDoraBand } from "@/lib/domain/dora-bands";
import { formatPerWeek, formatRate, formatSpan } from "@/lib/domain/dora-format";
import type { TDoraScope, TDoraWeek } from "@/lib/domain/dora";
import { formatUtcDayMonth } from "@/lib/domain/time-format";
import { BandBadge } from "./band-badge";
import { WeeklyChart, type TChartUnit, type TWeekPoint } from "./weekly-chart";

type TKey = {
  id: keyof typeof BAND_MEANING;
  title: string;
  value: string;
  band: TDoraBand | null;
  detail: string;
  unit: TChartUnit;
  week: (w: TDoraWeek) => number | null;
  reference?: { value: number; label: string };
  color: string;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function keysOf(scope: TDoraScope, weekCount: number): TKey[] {
  const t = scope.totals;
  return [
    {
      id: "deploymentFrequency",
      title: "Deployment frequency",
      value: formatPerWeek(t.deploymentsPerWeek),
      band: scope.bands.deploymentFrequency,
      detail: `${plural(t.deployments, "deployment")} reached production in ${plural(weekCount, "week")}.`,
      unit: "count",
      week: (w) => w.deployments,
      color: "#1d4ed8",
    },
    {
      id: "changeFailureRate",
      title: "Change failure rate",
      value: t.changeFailureRate === null ? "—" : formatRate(t.changeFailureRate),
      band: scope.bands.changeFailureRate,
      detail: t.deployments ? `${t.failures} of ${plural(t.deployments, "deployment")} rolled back, aborted after production or marked faulty.` : "No deployment yet.",
      unit: "rate",
      week: (w) => w.changeFailureRate,
      reference: { value: 0.05, label: "Elite ≤ 5%" },
      color: "#b91c1c",
    },
    {
      id: "recoveryTime",
      title: "Failed deployment recovery time",
      value: t.recoveryMedianMinutes === null ? "—" : formatSpan(t.recoveryMedianMinutes),
      band: scope.bands.recoveryTime,
      detail: `Median, rollback recommended → rolled back, over ${plural(t.recovered, "recovery", "recoveries")}${t.withoutRecovery ? `; ${t.withoutRecovery} failed without one measured` : ""}.`,
      unit: "span",
      week: (w) => w.recoveryMedianMinutes,
      reference: { value: 60, label: "Elite < 1 h" },
      color: "#7c3aed",
    },
    {
      id: "leadTime",
      title: "Lead time for changes",
      value: t.leadTimeMedianMinutes === null ? "—" : formatSpan(t.leadTimeMedianMinutes),
      band: scope.bands.leadTime,
      detail: `Median, commit → completed, over ${plural(t.leadTimeRuns, "run")}${t.withoutCommitTime ? `; ${t.withoutCommitTime} without a commit time` : ""}.`,
      unit: "span",
      week: (w) => w.leadTimeMedianMinutes,
      reference: { value: 24 * 60, label: "Elite < 1 day" },
      color: "#0f766e",
    },
  ];
}

export function KeyCards({ scope, weekCount }: { scope: TDoraScope; weekCount: number }) {
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
      {keysOf(scope, weekCount).map((key) => {
        const points: TWeekPoint[] = scope.weeks.map((w) => ({ week: formatUtcDayMonth(w.weekStart), value: key.week(w) }));
        return (
          <section key={key.id} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={`dora-key-${key.id}`} aria-labelledby={`key-${key.id}`}>
            <h2 id={`key-${key.id}`} className="text-sm font-bold tracking-wide text-slate-700 uppercase">{key.title}</h2>
            <p className="flex flex-wrap items-baseline gap-3">
              <span className="text-3xl font-bold text-slate-900 tabular-nums" data-testid="dora-value">{key.value}</span>
              <BandBadge band={key.band} />
            </p>
            <p className="text-sm text-slate-700">
              {key.band ? <>Band: <strong>{BAND_MEANING[key.id][key.band]}</strong>. </> : null}
              {key.detail}
            </p>
            <WeeklyChart points={points} unit={key.unit} reference={key.reference} label={key.title} color={key.color} />
            <p className="text-xs text-slate-600">
              Per week from Monday (UTC).
              {key.reference && <> <span className="font-semibold text-emerald-800">Dashed line: {key.reference.label}.</span></>}
            </p>
          </section>
        );
      })}
    </div>
  );
}
