// The tower's run rows: one line per run, read across services — the light (the bridge's own rule,
// word + icon + colour), the phase, rollout, open alerts and unverified rules, the roll call, the
// lead, and the planned end against the estimate.
import Link from "next/link";
import { LIGHT_TONE } from "@/components/runs/status-light-chip";
import { UserText } from "@/components/ui/user-text";
import { lightWords } from "@/lib/domain/status-light";
import { formatUtcMinute } from "@/lib/domain/time-format";
import { towerRowFacts, type TTowerBoard, type TTowerRowFacts } from "@/lib/domain/tower";
import { ConflictBadges } from "./conflict-badges";
import { TOWER_LOOK, type TTowerVariant } from "./tower-look";

type TRow = TTowerBoard["runs"][number];

const MINUTE_MS = 60_000;

/** "Planned 14:00 UTC · est. 14:25 UTC, 25 min late", "Ended 13:40 UTC", "Window 10:00–14:00 UTC". */
function endText(run: TRow, facts: TTowerRowFacts): { text: string; isLate: boolean } {
  if (run.endedAt) return { text: `Ended ${formatUtcMinute(run.endedAt)} · planned ${formatUtcMinute(facts.plannedEnd)}`, isLate: false };
  if (facts.estimatedEnd === null) return { text: `Window ${formatUtcMinute(run.plannedStart).slice(0, 5)}–${formatUtcMinute(facts.plannedEnd)}`, isLate: false };
  const late = Math.ceil(facts.lateByMs / MINUTE_MS);
  return {
    text: `Planned ${formatUtcMinute(facts.plannedEnd)} · est. ${formatUtcMinute(facts.estimatedEnd)}${late > 0 ? `, ${late} min late` : ", on time"}`,
    isLate: late > 0,
  };
}

/** A run that has not started has nothing to judge: a neutral chip, never a green ON TRACK. */
function Waiting({ run, variant }: { run: TRow; variant: TTowerVariant }) {
  return (
    <p data-testid="tower-light" data-state="waiting" data-word={run.status.toUpperCase()} className={`rounded-md border border-dashed border-slate-400 ${TOWER_LOOK[variant].light} ${TOWER_LOOK[variant].muted}`}>
      <span className="font-black whitespace-nowrap"><span aria-hidden="true">○ </span>{run.status.toUpperCase()}</span>
      <span className="block truncate text-[0.7em] font-semibold">Starts {formatUtcMinute(run.plannedStart)}</span>
    </p>
  );
}

function Light({ facts, variant }: { facts: TTowerRowFacts; variant: TTowerVariant }) {
  const { word, icon } = lightWords(facts.light);
  return (
    <p data-testid="tower-light" data-state={facts.light.state} data-word={word} className={`rounded-md ${TOWER_LOOK[variant].light} ${LIGHT_TONE[facts.light.state]}`}>
      <span className="font-black whitespace-nowrap"><span aria-hidden="true">{icon} </span>{word}</span>
      <span className="block truncate text-[0.7em] font-semibold" title={facts.light.reason}>{facts.light.reason}</span>
    </p>
  );
}

function Row({ run, now, variant }: { run: TRow; now: Date; variant: TTowerVariant }) {
  const facts = towerRowFacts(run, now);
  const look = TOWER_LOOK[variant];
  const end = endText(run, facts);
  return (
    <tr data-testid="tower-row" data-run-id={run.id} className={look.row}>
      <td className={`${look.cell} w-[19%]`}>{run.status === "planned" || run.status === "rescheduled" ? <Waiting run={run} variant={variant} /> : <Light facts={facts} variant={variant} />}</td>
      <td className={`${look.cell} min-w-0`}>
        <Link href={`/runs/${run.id}`} className={`block truncate font-bold ${look.link}`}><UserText>{run.name}</UserText></Link>
        <span className={`block truncate ${look.muted}`}><UserText>{run.service}</UserText> · <span className="font-mono"><UserText>{run.targetVersion}</UserText></span></span>
        <ConflictBadges conflicts={run.conflicts} variant={variant} />
      </td>
      <td className={look.cell}>
        <span className="block font-semibold" data-testid="tower-phase">{facts.phase}</span>
        <span className={`block tabular-nums ${look.muted}`} data-testid="tower-checklist">{facts.checklist.done} of {facts.checklist.total} items</span>
      </td>
      <td className={`${look.cell} tabular-nums`} data-testid="tower-rollout">{facts.rolloutPercent}%</td>
      <td className={look.cell} data-testid="tower-alerts">
        <span className={facts.openAlerts > 0 ? look.alarm : ""}>{facts.openAlerts} open {facts.openAlerts === 1 ? "alert" : "alerts"}</span>
        <span className={`block ${facts.unverifiedRules > 0 ? look.warn : look.muted}`}>{facts.unverifiedRules} unverified</span>
      </td>
      <td className={look.cell} data-testid="tower-go-no-go">{facts.goNoGo ?? <span className={look.muted}>—</span>}</td>
      <td className={look.cell} data-testid="tower-lead">{facts.lead ? <UserText>{facts.lead}</UserText> : <span className={look.muted}>No lead</span>}</td>
      <td className={`${look.cell} ${end.isLate ? look.warn : ""}`} data-testid="tower-end">{end.text}</td>
    </tr>
  );
}

export function TowerRuns({ title, runs, now, variant, empty, testId }: { title: string; runs: TRow[]; now: Date; variant: TTowerVariant; empty: string; testId: string }) {
  const look = TOWER_LOOK[variant];
  return (
    <section aria-label={title} data-testid={testId}>
      <h2 className={look.heading}>{title} <span className={look.muted}>({runs.length})</span></h2>
      {runs.length === 0 ? (
        <p className={look.muted}>{empty}</p>
      ) : (
        <div className={look.tableFrame}>
          <table className={`w-full table-fixed text-left ${look.table}`}>
            <colgroup>
              <col className="w-[19%]" /><col className="w-[21%]" /><col className="w-[11%]" /><col className="w-[7%]" />
              <col className="w-[11%]" /><col className="w-[10%]" /><col className="w-[8%]" /><col className="w-[13%]" />
            </colgroup>
            <thead>
              <tr className={look.headRow}>
                {["Status", "Run", "Phase", "Rollout", "Alerts", "Go / No-Go", "Lead", "End"].map((h) => <th key={h} scope="col" className={look.headCell}>{h}</th>)}
              </tr>
            </thead>
            <tbody>{runs.map((run) => <Row key={run.id} run={run} now={now} variant={variant} />)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
