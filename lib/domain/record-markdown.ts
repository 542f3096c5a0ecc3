// The deployment record as Markdown: the runbook's block first (filled, ready to paste), then the
// detail behind it. Pure text from a built record. Every piece of user text goes through md() (one
// escaped line) or a fence: a skip reason must not be able to add a heading, an image or a ping.
import { deliverySummary } from "./comms-events";
import { formatBaselineValue, formatDelta } from "./baseline";
import type { TDeploymentRecord } from "./deployment-record";
import { describeRecommendationValue } from "./metric-recommendations";
import { markdownInline as md, markdownVerbatim } from "./safe-text";
import { formatUtcDateMinute } from "./time-format";

const MISSING = "—";
const when = (iso: string | null) => (iso ? formatUtcDateMinute(iso) : MISSING);
/** Table cells: one escaped line (pipes included). */
const cell = (text: string | number | null | undefined) => (text === null || text === undefined || text === "" ? MISSING : md(String(text)));
const optional = (text: string | null | undefined) => (text ? md(text) : MISSING);

function table(head: string[], rows: (string | number | null)[][]): string[] {
  return [`| ${head.map(cell).join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

/** A fence longer than any backtick run inside, so posted text never breaks out of its block. */
function fenced(raw: string, info = ""): string[] {
  const text = markdownVerbatim(raw);
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return [`${fence}${info}`, text, fence];
}

export function recordToMarkdown(record: TDeploymentRecord): string {
  const { run } = record;
  const out: string[] = [];
  out.push(`# Deployment record: ${md(run.name)}`, "");
  out.push(`${md(run.service)} · ${md(run.targetVersion)}${run.commit ? ` · ${md(run.commit)}` : ""} · ${record.outcome.label}`);
  if (record.outcome.reason) out.push("", `Reason: ${md(record.outcome.reason)}`);
  if (!record.isFinished) out.push("", `> Draft: the run is still ${record.outcome.label.replace(/^⏳ /, "").toLowerCase()}; this record fills in as it goes.`);
  out.push("", `Generated ${when(record.generatedAt)}.`, "");

  out.push("## Record Deployment Details", "", ...fenced(record.block), "");

  out.push("## Team", "");
  out.push(...(run.roles.length ? table(["Position", "Name"], run.roles.map((r) => [r.label, r.userName])) : ["Nobody was named."]), "");

  out.push("## Phases and checks", "");
  out.push(
    ...table(
      ["Phase", "Result", "Started", "Completed", "Took", "Budget", "Done", "Skipped", "Failed", "Open"],
      record.phases.map((p) => [
        p.title,
        p.summary,
        when(p.startedAt),
        when(p.completedAt),
        p.durationMinutes === null ? null : `${p.durationMinutes} min`,
        p.budgetMinMinutes === p.budgetMaxMinutes ? `${p.budgetMaxMinutes} min` : `${p.budgetMinMinutes}–${p.budgetMaxMinutes} min`,
        p.done,
        p.skipped,
        p.failed,
        p.open,
      ]),
    ),
    "",
  );
  const exceptions = record.phases.flatMap((p) => p.exceptions.filter((e) => e.state !== "open").map((e) => ({ ...e, phase: p.title })));
  if (exceptions.length) {
    out.push("Skipped, failed and overridden items:", "");
    for (const e of exceptions) {
      const state = e.override ? `ticked by hand while ${md(e.override)}` : e.state;
      out.push(`- ${md(e.phase)}: “${md(e.text)}” ${state}${e.note ? ` — ${md(e.note)}` : ""}${e.byName ? ` (${md(e.byName)})` : ""}`);
    }
    out.push("");
  }
  if (record.recurring.length) {
    out.push("### Recurring checks", "");
    out.push(
      ...table(
        ["Phase", "Check", "Every", "Rounds", "Last"],
        record.recurring.map((r) => [r.phaseTitle, r.title, `${r.intervalMinutes} min`, r.rounds, r.lastAt ? `${when(r.lastAt)}${r.lastByName ? ` by ${r.lastByName}` : ""}` : null]),
      ),
      "",
    );
  }

  out.push("## Go/No-Go", "");
  if (record.goNoGo.length === 0) out.push("No poll was taken.", "");
  for (const round of record.goNoGo) {
    out.push(`### Round ${round.round}: ${round.outcome}`, "");
    out.push(`Opened ${when(round.openedAt)} by ${md(round.openedByName)}${round.closedAt ? `; closed ${when(round.closedAt)} by ${optional(round.closedByName)}` : ""}.`);
    if (round.override) out.push(`Overridden by ${md(round.override.byName)} at ${when(round.override.at)}: ${md(round.override.reason)}`);
    out.push("");
    out.push(...table(["Question", ...round.roll.map((r) => `${r.label}${r.holderName ? ` (${r.holderName})` : ""}`)], round.questions.map((q, i) => [q, ...round.roll.map((r) => r.answers[i] ?? MISSING)])), "");
    const reasons = round.roll.flatMap((r) => r.reasons.map((reason) => `- ${md(r.label)}: ${md(reason)}`));
    if (reasons.length) out.push("NO-GO reasons:", "", ...reasons, "");
  }

  out.push("## Rollout", "");
  out.push(
    ...table(
      ["Step", "Traffic", "Reached", "By", "Held", "Checkpoint"],
      record.rollout.map((s) => [s.label, `${s.percent}%`, when(s.reachedAt), s.byName, s.minutesHeld === null ? null : `${s.minutesHeld} min`, s.checkpoint]),
    ),
    "",
  );

  if (record.comparisons.length) {
    out.push("## Canary vs production", "");
    for (const c of record.comparisons) {
      out.push(`### ${md(c.label)}: ${c.status}${c.isEnabled ? "" : " (disabled)"}`, "");
      out.push(`Latest${c.latestAt ? ` (${when(c.latestAt)})` : ""}: ${c.latest ? md(c.latest) : "not compared yet"}`, "");
      if (c.changes.length) out.push(...c.changes.map((ch) => `- ${when(ch.at)} → ${ch.status}${ch.comparison ? `: ${md(ch.comparison)}` : ""}`), "");
    }
  }

  out.push("## Alerts and decisions", "");
  if (record.alerts.length === 0 && record.decisions.length === 0) out.push("No rollback alerts and no decision guides walked.", "");
  for (const a of record.alerts) {
    const value = describeRecommendationValue({ alert: a, value: a.value, stage: a.stage });
    const undecided = record.outcome.status === "rolled_back" ? " → not decided on; the run was rolled back" : " → undecided";
    const decided = a.decision ? ` → ${a.decision === "rollback" ? "ROLL BACK" : "CONTINUE"} by ${optional(a.decidedByName)} at ${when(a.decidedAt)}${a.decisionReason ? ` (${md(a.decisionReason)})` : ""}` : undecided;
    out.push(`- ${when(a.raisedAt)} ${a.source === "manual" ? "Manual trigger" : "Rule"}: ${md(a.label)}${value ? ` (${md(value)})` : ""}${decided}`);
  }
  if (record.alerts.length) out.push("");
  for (const d of record.decisions) {
    out.push(`### Decision guide: ${md(d.treeTitle)}`, "");
    out.push(`Started ${when(d.startedAt)} by ${md(d.startedByName)}; ${d.status}${d.endedAt ? ` ${when(d.endedAt)}${d.endedByName ? ` by ${md(d.endedByName)}` : ""}` : ""}.`, "");
    if (d.evidence.length) out.push("Evidence:", "", ...d.evidence.map((e) => `- ${md(e)}`), "");
    out.push(`Path: ${d.trail.map(md).join(" → ") || MISSING}`, "");
    if (d.action) out.push(`Action: ${md(d.action)}${d.outcome ? ` — ${md(d.outcome)}` : ""}`, "");
  }

  out.push("## Announcements", "");
  if (record.announcements.length === 0) out.push("None posted.", "");
  for (const a of [...record.announcements].reverse()) {
    out.push(`### ${md(a.title)} (${when(a.postedAt)}, ${md(a.postedByName)})`, "");
    out.push(`Webhooks: ${deliverySummary(a.deliveries)}${a.deliveries.length ? ` (${a.deliveries.map((d) => `${md(d.targetName)}: ${d.status}`).join("; ")})` : ""}.`, "");
    out.push(...fenced(a.body), "");
  }

  out.push("## Baseline metrics", "");
  if (!record.baseline) out.push(record.isFinished ? "No metrics were captured." : "Captured when the run completes.", "");
  else {
    out.push(`Captured ${when(record.baseline.capturedAt)} over the last ${record.baseline.windowMinutes} minutes.`, "");
    out.push(
      ...table(
        ["Metric", "Value", "Samples", "Stage"],
        [
          ...record.baseline.values.map((v) => [v.label, v.value, v.samples, v.stage]),
          ["Database Health", record.baseline.databaseHealth, null, null],
          ["API Availability", record.baseline.apiAvailability, null, null],
        ],
      ),
      "",
    );
  }
  if (record.comparison) {
    const c = record.comparison;
    out.push(`### Compared with ${md(c.previousRunName)} (${md(c.previousVersion)}, completed ${when(c.previousEndedAt)})`, "");
    out.push(
      ...table(
        ["Metric", "This run", "Previous", "Change", "Verdict"],
        c.rows.map((r) => [r.label, formatBaselineValue(r.current, r.unit), formatBaselineValue(r.baseline, r.unit), formatDelta(r), r.verdict]),
      ),
      "",
    );
  }
  return out.join("\n");
}
