// The deployment record as a page: the runbook's block filled in, then the detail behind it. Built on
// the server from the record; prints cleanly (actions hidden, sections kept whole).
import { deliverySummary } from "@/lib/domain/comms-events";
import type { TDeploymentRecord } from "@/lib/domain/deployment-record";
import { clock } from "@/lib/domain/deployment-record-sections";
import { describeRecommendationValue } from "@/lib/domain/metric-recommendations";
import { formatUtcDateMinute } from "@/lib/domain/time-format";
import { BaselineComparison } from "./baseline-comparison";
import { CanaryComparisons } from "./canary-comparisons";
import { RecordActions } from "./record-actions";
import { UserText } from "@/components/ui/user-text";

const MISSING = "—";
const when = (iso: string | null) => (iso ? formatUtcDateMinute(iso) : MISSING);

const OUTCOME_CLASS: Record<string, string> = {
  completed: "bg-emerald-700 text-white",
  rolled_back: "bg-red-700 text-white",
  aborted: "bg-slate-700 text-white",
  rescheduled: "bg-amber-500 text-slate-950",
};

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 print:break-inside-avoid print:rounded-none print:border-0 print:border-t print:p-0 print:pt-3" data-testid={testId}>
      <h2 className="text-lg font-bold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

const th = "px-2 py-1 text-left text-xs font-semibold text-slate-600";
const td = "px-2 py-1 align-top";

/** Rows of the runbook block: "Label: value" pairs, headings and gaps in the runbook's order. */
function RecordBlock({ block }: { block: string }) {
  const lines = block.split("\n");
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-1 text-sm" data-testid="record-block">
      {lines.map((line, i) => {
        const match = /^(\s*(?:-\s+)?)([^:]+):(.*)$/.exec(line);
        if (!line.trim()) return <div key={i} className="col-span-2 h-2" aria-hidden="true" />;
        if (!match) return <div key={i} className="contents"><dd className="col-span-2 text-slate-800"><UserText>{line}</UserText></dd></div>;
        const [, prefix, label, value] = match;
        if (!value.trim()) return <div key={i} className="contents"><dt className="col-span-2 pt-1 font-bold text-slate-900">{label}</dt></div>;
        return (
          <div key={i} className="contents">
            <dt className={`font-medium text-slate-700 ${prefix.includes("-") ? "pl-4" : ""}`}>{label}</dt>
            <dd className="font-semibold text-slate-900" data-field={label}>{value.trim()}</dd>
          </div>
        );
      })}
    </dl>
  );
}

/** `children`: what the page adds under the header (the validation window of a completed run). */
export function RecordReport({ record, children }: { record: TDeploymentRecord; children?: React.ReactNode }) {
  const { run } = record;
  const exceptions = record.phases.flatMap((p) => p.exceptions.filter((e) => e.state !== "open").map((e) => ({ ...e, phase: p.title })));
  return (
    <article className="mx-auto max-w-5xl space-y-5 print:max-w-none print:space-y-4" data-testid="deployment-record">
      {/* Printed pages: a margin, and no page break inside a table row. */}
      <style>{"@media print { @page { margin: 14mm } tr { break-inside: avoid } }"}</style>
      <header className="flex flex-wrap items-start gap-4">
        <div className="min-w-0 flex-1">
          <p className="text-sm font-semibold tracking-wide text-slate-600 uppercase">Deployment record</p>
          <h1 className="text-3xl font-bold text-slate-900"><UserText>{run.name}</UserText></h1>
          <p className="text-slate-700">
            <UserText>{run.service}</UserText> · <UserText>{run.targetVersion}</UserText>
            {run.commit && <> · <code className="font-mono"><UserText>{run.commit}</UserText></code></>} · {record.date}
          </p>
        </div>
        <p className={`rounded-md px-3 py-1 text-lg font-bold ${record.outcome.isFaulty ? "bg-red-700 text-white" : (OUTCOME_CLASS[record.outcome.status] ?? "bg-slate-200 text-slate-900")}`} data-testid="record-outcome">
          <UserText>{record.outcome.label}</UserText>
        </p>
        <div className="w-full">
          <RecordActions runId={run.id} />
        </div>
      </header>
      {!record.isFinished && (
        <p className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="record-draft">
          Draft: the run is still in progress. The record fills in as it goes; the baseline is captured when it completes.
        </p>
      )}
      {record.outcome.reason && <p className="text-sm text-slate-800">Reason: <UserText>{record.outcome.reason}</UserText></p>}
      {children}

      <Section title="Record Deployment Details" testId="record-details">
        <RecordBlock block={record.block} />
      </Section>

      <Section title="Team">
        {run.roles.length === 0 ? (
          <p className="text-sm text-slate-600">Nobody was named.</p>
        ) : (
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {run.roles.map((r) => (
              <li key={r.role}><span className="font-medium text-slate-700"><UserText>{r.label}</UserText>:</span> <span className="font-semibold text-slate-900"><UserText>{r.userName}</UserText></span></li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Phases and checks" testId="record-phases">
        <table className="w-full text-sm">
          <thead>
            <tr><th className={th}>Phase</th><th className={th}>Result</th><th className={th}>Started</th><th className={th}>Completed</th><th className={th}>Took / budget</th><th className={th}>Done · skipped · failed · open</th></tr>
          </thead>
          <tbody>
            {record.phases.map((p) => (
              <tr key={p.key} className="border-t border-slate-100" data-verdict={p.verdict}>
                <td className={`${td} font-semibold text-slate-900`}><UserText>{p.title}</UserText></td>
                <td className={td}>{p.summary}</td>
                <td className={td}>{clock(p.startedAt)}</td>
                <td className={td}>{clock(p.completedAt)}</td>
                <td className={td}>{p.durationMinutes === null ? MISSING : `${p.durationMinutes} min`} / {p.budgetMinMinutes === p.budgetMaxMinutes ? p.budgetMaxMinutes : `${p.budgetMinMinutes}–${p.budgetMaxMinutes}`} min</td>
                <td className={`${td} font-mono text-xs`}>{p.done} · {p.skipped} · {p.failed} · {p.open}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {exceptions.length > 0 && (
          <ul className="space-y-1 text-sm">
            {exceptions.map((e, i) => (
              <li key={i}>
                <span className="font-semibold">{e.override ? "⚠ Ticked by hand" : e.state === "failed" ? "✗ Failed" : "↷ Skipped"}</span> <UserText>{e.phase}</UserText>: “<UserText>{e.text}</UserText>”
                {e.override && <> while {e.override}</>}
                {e.note && <> — {e.override ? "reason: " : ""}<UserText>{e.note}</UserText></>}
                {e.byName && <span className="text-slate-600"> (<UserText>{e.byName}</UserText>)</span>}
              </li>
            ))}
          </ul>
        )}
        {record.recurring.length > 0 && (
          <table className="w-full text-sm">
            <thead><tr><th className={th}>Recurring check</th><th className={th}>Every</th><th className={th}>Rounds</th><th className={th}>Last</th></tr></thead>
            <tbody>
              {record.recurring.map((r) => (
                <tr key={`${r.phaseTitle}/${r.title}`} className="border-t border-slate-100">
                  <td className={td}><UserText>{r.phaseTitle}</UserText>: <UserText>{r.title}</UserText></td>
                  <td className={td}>{r.intervalMinutes} min</td>
                  <td className={td}>{r.rounds}</td>
                  <td className={td}>{r.lastAt ? `${clock(r.lastAt)} by ${r.lastByName}` : MISSING}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title="Go/No-Go" testId="record-go-no-go">
        {record.goNoGo.length === 0 && <p className="text-sm text-slate-600">No poll was taken.</p>}
        {record.goNoGo.map((round) => (
          <div key={round.round} className="space-y-2">
            <p className="text-sm">
              <span className="font-bold text-slate-900">Round {round.round}: <UserText>{round.outcome}</UserText></span>{" "}
              <span className="text-slate-600">opened {clock(round.openedAt)} by <UserText>{round.openedByName}</UserText>{round.closedAt && `, closed ${clock(round.closedAt)} by ${round.closedByName}`}</span>
            </p>
            {round.override && <p className="text-sm">Overridden by <UserText>{round.override.byName}</UserText>: <UserText>{round.override.reason}</UserText></p>}
            <table className="w-full text-sm">
              <thead>
                <tr>
                  <th className={th}>Question</th>
                  {round.roll.map((r) => <th key={r.label} className={th}><UserText>{r.label}</UserText>{r.holderName && <span className="block font-normal"><UserText>{r.holderName}</UserText></span>}</th>)}
                </tr>
              </thead>
              <tbody>
                {round.questions.map((q, i) => (
                  <tr key={q} className="border-t border-slate-100">
                    <td className={td}><UserText>{q}</UserText></td>
                    {round.roll.map((r) => (
                      <td key={r.label} className={`${td} font-bold ${r.answers[i] === "GO" ? "text-emerald-800" : r.answers[i] === "NO-GO" ? "text-red-800" : "text-slate-500"}`}>{r.answers[i] ?? MISSING}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {round.roll.some((r) => r.reasons.length) && (
              <ul className="text-sm">{round.roll.flatMap((r) => r.reasons.map((reason) => <li key={`${r.label}${reason}`}>NO-GO, <UserText>{r.label}</UserText>: <UserText>{reason}</UserText></li>))}</ul>
            )}
          </div>
        ))}
      </Section>

      <Section title="Rollout" testId="record-rollout">
        <table className="w-full text-sm">
          <thead><tr><th className={th}>Step</th><th className={th}>Traffic</th><th className={th}>Reached</th><th className={th}>By</th><th className={th}>Held</th><th className={th}>Checkpoint</th></tr></thead>
          <tbody>
            {record.rollout.map((s) => (
              <tr key={s.percent} className="border-t border-slate-100">
                <td className={`${td} font-semibold`}><UserText>{s.label}</UserText></td>
                <td className={td}>{s.percent}%</td>
                <td className={td}>{clock(s.reachedAt)}</td>
                <td className={td}>{s.byName ?? MISSING}</td>
                <td className={td}>{s.minutesHeld === null ? MISSING : `${s.minutesHeld} min`}</td>
                <td className={td}><UserText>{s.checkpoint}</UserText></td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      {record.comparisons.length > 0 && (
        <Section title="Canary vs production" testId="record-comparisons">
          <CanaryComparisons comparisons={record.comparisons} />
        </Section>
      )}

      <Section title="Alerts and decisions" testId="record-decisions">
        {record.alerts.length === 0 && record.decisions.length === 0 && <p className="text-sm text-slate-600">No rollback alerts and no decision guides walked.</p>}
        {record.alerts.length > 0 && (
          <ul className="space-y-1 text-sm">
            {record.alerts.map((a) => {
              const value = describeRecommendationValue({ alert: a, value: a.value, stage: a.stage });
              return (
                <li key={a.id}>
                  <span className="font-mono text-xs">{clock(a.raisedAt)}</span> <span className="font-semibold"><UserText>{a.label}</UserText></span>{value && ` (${value})`} →{" "}
                  {a.decision
                    ? `${a.decision === "rollback" ? "ROLL BACK" : "CONTINUE"} by ${a.decidedByName}${a.decisionReason ? `: ${a.decisionReason}` : ""}`
                    : record.outcome.status === "rolled_back"
                      ? "not decided on; the run was rolled back"
                      : "undecided"}
                </li>
              );
            })}
          </ul>
        )}
        {record.decisions.map((d, i) => (
          <div key={i} className="rounded-md border border-slate-200 p-3 text-sm print:border-slate-400">
            <p className="font-bold text-slate-900">Decision guide: <UserText>{d.treeTitle}</UserText> <span className="font-normal text-slate-600">({d.status}, started {clock(d.startedAt)} by <UserText>{d.startedByName}</UserText>)</span></p>
            {d.evidence.length > 0 && <ul className="mt-1 text-slate-800">{d.evidence.map((e) => <li key={e}>• <UserText>{e}</UserText></li>)}</ul>}
            <p className="mt-1">{d.trail.join(" → ")}</p>
            {d.action && <p className="mt-1 font-semibold">{d.action}{d.outcome && <span className="font-normal"> — <UserText>{d.outcome}</UserText></span>}</p>}
          </div>
        ))}
      </Section>

      <Section title="Announcements" testId="record-announcements">
        {record.announcements.length === 0 && <p className="text-sm text-slate-600">None posted.</p>}
        {[...record.announcements].reverse().map((a) => (
          <div key={a.id} className="space-y-1 print:break-inside-avoid">
            <p className="text-sm"><span className="font-bold text-slate-900"><UserText>{a.title}</UserText></span> <span className="text-slate-600">{when(a.postedAt)}, <UserText>{a.postedByName}</UserText> · webhooks: {deliverySummary(a.deliveries)}</span></p>
            <pre className="overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs whitespace-pre-wrap text-slate-900 print:bg-white"><UserText>{a.body}</UserText></pre>
          </div>
        ))}
      </Section>

      <Section title="Baseline metrics" testId="record-baseline">
        {!record.baseline ? (
          <p className="text-sm text-slate-600">{record.isFinished ? "No metrics were captured." : "Captured when the run completes."}</p>
        ) : (
          <>
            <p className="text-sm text-slate-700">Captured {when(record.baseline.capturedAt)}, mean of the last {record.baseline.windowMinutes} minutes.</p>
            <table className="w-full text-sm">
              <thead><tr><th className={th}>Metric</th><th className={th}>Value</th><th className={th}>Samples</th><th className={th}>Stage</th></tr></thead>
              <tbody>
                {record.baseline.values.map((v) => (
                  <tr key={v.key} className="border-t border-slate-100"><td className={td}><UserText>{v.label}</UserText></td><td className={`${td} font-mono`}>{v.value}</td><td className={td}>{v.samples}</td><td className={td}>{v.stage}</td></tr>
                ))}
                <tr className="border-t border-slate-100"><td className={td}>Database Health</td><td className={td} colSpan={3}>{record.baseline.databaseHealth}</td></tr>
                <tr className="border-t border-slate-100"><td className={td}>API Availability</td><td className={td} colSpan={3}>{record.baseline.apiAvailability}</td></tr>
              </tbody>
            </table>
          </>
        )}
      </Section>
      {record.comparison && record.baseline && (
        <BaselineComparison
          baseline={{ name: record.comparison.previousRunName, targetVersion: record.comparison.previousVersion, endedAt: record.comparison.previousEndedAt, metrics: {} }}
          current={{}}
          currentLabel="This run"
          rows={record.comparison.rows}
        />
      )}
      <p className="text-xs text-slate-500">Generated {when(record.generatedAt)}.</p>
    </article>
  );
}
