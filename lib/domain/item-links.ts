// Checklist items that state a metric condition ("Canary metrics green (5 minutes)", "Verify
// performance metrics") are tied to the rule or rollout checkpoint that judges it. This decides
// whether that link has passed WITH DATA (then the item ticks itself, naming the evidence) or is
// breaching / inconclusive (then a person ticking it by hand must say why). Pure: clock and data in.
import { formatMetricValue, type TMetricStage } from "./metric-catalog";
import type { TRuleView } from "./metric-events";
import type { TRunSnapshot } from "./run-snapshot";
import { checkpoint, type TRolloutStep } from "./rollout";
import { formatCountdown } from "./time-format";

/** A rule of the run by its label (the playbook threshold's label), or the rollout step at a percent. */
export type TMetricLink = { kind: "rule"; rule: string } | { kind: "checkpoint"; percent: number };

export type TLinkVerdict = "passed" | "breaching" | "inconclusive";

/** What one sample count must confirm before a pass counts: samples of `metric` since `from`. */
export type TEvidencePart = { metric: string; unit: string; value: number; stage: TMetricStage | null; from: number };

export type TLinkStatus =
  | { verdict: "passed"; reason: string; /** One pass of the link: the auto-tick happens once per key. */ passKey: string; evidence: TEvidencePart[] }
  | { verdict: "breaching" | "inconclusive"; reason: string };

type TRuleLike = Pick<TRuleView, "severity" | "value"> & { state: string };

/**
 * The one place that reads a rule's state as a verdict, so this works with today's states
 * (ok/pending/firing/resolved/no_data) and the verdict engine's (ok/pending/firing/inconclusive).
 * A success criterion ("Error rate < 0.1%") is met while it fires; a gating rule (escalate,
 * rollback) passes while ok. A state without a value never passes: no data is not green.
 */
export function ruleVerdict(rule: TRuleLike): TLinkVerdict {
  const hasValue = rule.value !== null && Number.isFinite(rule.value);
  if (rule.severity === "success") {
    if (rule.state === "firing") return hasValue ? "passed" : "inconclusive";
    if (rule.state === "ok" || rule.state === "resolved") return hasValue ? "breaching" : "inconclusive";
    return "inconclusive";
  }
  if (rule.state === "ok" || rule.state === "resolved") return hasValue ? "passed" : "inconclusive";
  if (rule.state === "pending" || rule.state === "firing") return "breaching";
  return "inconclusive";
}

const valueText = (rule: TRuleView) =>
  rule.value === null ? "" : ` (${formatMetricValue(rule.value, rule.unit)}${rule.valueStage ? ` on ${rule.valueStage}` : ""})`;

function ruleWords(rule: TRuleView, verdict: TLinkVerdict): string {
  if (verdict === "passed") return `“${rule.label}” ${rule.severity === "success" ? "is met" : "is green"}${valueText(rule)}`;
  if (verdict === "breaching") return `“${rule.label}” ${rule.severity === "success" ? "is not met" : `is ${rule.state}`}${valueText(rule)}`;
  if (rule.state === "pending") return `“${rule.label}” is not met for long enough yet${valueText(rule)}`;
  return `“${rule.label}” has no data — is the monitoring feed running?`;
}

/** How far back a rule's evidence is counted: its window, or the 2 minutes an immediate rule reads. */
export function evidenceWindowMs(rule: Pick<TRuleView, "window">): number {
  return rule.window.kind === "immediate" ? 2 * 60_000 : rule.window.minutes * 60_000;
}

export type TLinkContext = {
  rules: readonly TRuleView[];
  rolloutPercent: number;
  checkpointStartedAt: string | null;
  rolloutSteps: readonly TRolloutStep[];
  now: Date;
};

function ruleLinkStatus(label: string, ctx: TLinkContext): TLinkStatus {
  // A rehearsal's copy labels its windowed rules "… [time ×30: 10 s]" (time-scale.ts).
  const rule = ctx.rules.find((r) => r.label === label || r.label.startsWith(`${label} [time ×`));
  if (!rule) return { verdict: "inconclusive", reason: `no rule “${label}” in this run — nothing verifies it` };
  if (!rule.isEnabled) return { verdict: "inconclusive", reason: `“${label}” is disabled — nothing verifies it` };
  const verdict = ruleVerdict(rule);
  const reason = ruleWords(rule, verdict);
  if (verdict !== "passed" || rule.value === null) return { verdict: verdict === "passed" ? "inconclusive" : verdict, reason };
  return {
    verdict,
    reason,
    passKey: `${rule.id}@${rule.since ?? ""}`,
    evidence: [{ metric: rule.metric, unit: rule.unit, value: rule.value, stage: rule.valueStage, from: ctx.now.getTime() - evidenceWindowMs(rule) }],
  };
}

function checkpointLinkStatus(percent: number, ctx: TLinkContext): TLinkStatus {
  const step = ctx.rolloutSteps.find((s) => s.percent === percent);
  if (!step) return { verdict: "inconclusive", reason: `this rollout has no ${percent}% step` };
  if (ctx.rolloutPercent < percent) return { verdict: "inconclusive", reason: `the rollout has not reached ${step.label} (${percent}%) yet` };
  // Stepping on needs the checkpoint elapsed; had it passed with data the item would have ticked itself.
  if (ctx.rolloutPercent > percent) return { verdict: "inconclusive", reason: `the rollout moved past ${percent}% before Warroom saw “${step.checkpoint}” pass with data` };
  const gating = ctx.rules.filter((r) => r.isEnabled && r.severity !== "success");
  if (gating.length === 0) return { verdict: "inconclusive", reason: "no metric rule gates this checkpoint — nothing verifies it" };
  const judged = gating.map((rule) => ({ rule, verdict: ruleVerdict(rule) }));
  const breaching = judged.find((j) => j.verdict === "breaching");
  if (breaching) return { verdict: "breaching", reason: `held: ${ruleWords(breaching.rule, "breaching")}` };
  const unknown = judged.find((j) => j.verdict === "inconclusive");
  if (unknown) return { verdict: "inconclusive", reason: ruleWords(unknown.rule, "inconclusive") };
  const started = ctx.checkpointStartedAt ? new Date(ctx.checkpointStartedAt) : null;
  const cp = checkpoint([...ctx.rolloutSteps], { percent, checkpointStartedAt: started }, ctx.now);
  if (!cp || !started) return { verdict: "inconclusive", reason: `the “${step.checkpoint}” countdown is held` };
  if (!cp.isElapsed) return { verdict: "inconclusive", reason: `“${step.checkpoint}”: ${formatCountdown(cp.remainingMs)} left` };
  return {
    verdict: "passed",
    reason: `“${step.checkpoint}” elapsed with every gating rule green`,
    passKey: `${percent}%@${ctx.checkpointStartedAt}`,
    // One part per metric: several rules on one metric share its samples.
    evidence: [...new Map(gating.map((r) => [r.metric, r])).values()].map((r) => ({
      metric: r.metric,
      unit: r.unit,
      value: r.value ?? 0,
      stage: r.valueStage,
      from: started.getTime(),
    })),
  };
}

/**
 * A rule as the evaluator sees it now: its latest status and live value. The recorded state lags for
 * success criteria, which reach the timeline at most once per window; a tie follows the evaluator.
 */
export function currentRule(rule: TRuleView): TRuleView {
  if (!rule.verdict) return rule;
  return { ...rule, state: rule.verdict.status, value: rule.verdict.live?.value ?? null };
}

export function linkStatus(link: TMetricLink, given: TLinkContext): TLinkStatus {
  const ctx = { ...given, rules: given.rules.map(currentRule) };
  return link.kind === "rule" ? ruleLinkStatus(link.rule, ctx) : checkpointLinkStatus(link.percent, ctx);
}

/** "error_rate 0.04% on canary, 312 samples over 5 min". */
function partText(part: TEvidencePart, count: number, now: Date): string {
  const minutes = Math.max(1, Math.round((now.getTime() - part.from) / 60_000));
  const where = part.stage ? ` on ${part.stage}` : "";
  return `${part.metric} ${formatMetricValue(part.value, part.unit)}${where}, ${count} sample${count === 1 ? "" : "s"} over ${minutes} min`;
}

/**
 * The note an automatic tick carries, given how many samples each evidence part counted; a part
 * without samples turns the pass inconclusive (a state carried over from before the window).
 */
export function evidenceNote(parts: readonly TEvidencePart[], counts: readonly number[], now: Date): { ok: true; note: string } | { ok: false; reason: string } {
  const empty = parts.findIndex((_, i) => !(counts[i] > 0));
  if (parts.length === 0 || empty >= 0) {
    const part = parts[Math.max(0, empty)];
    return { ok: false, reason: part ? `no ${part.metric} sample${part.stage ? ` on ${part.stage}` : ""} in the window` : "no evidence" };
  }
  if (parts.length === 1) return { ok: true, note: partText(parts[0], counts[0], now) };
  // A checkpoint's evidence is every gating metric over the same stretch: say where and how long once.
  const [first] = parts;
  if (parts.every((p) => p.stage === first.stage && p.from === first.from)) {
    const minutes = Math.max(1, Math.round((now.getTime() - first.from) / 60_000));
    const values = parts.map((p, i) => `${p.metric} ${formatMetricValue(p.value, p.unit)} (${counts[i]} sample${counts[i] === 1 ? "" : "s"})`);
    return { ok: true, note: `${first.stage ? `on ${first.stage} ` : ""}over ${minutes} min: ${values.join(", ")}` };
  }
  return { ok: true, note: parts.map((p, i) => partText(p, counts[i], now)).join("; ") };
}

/** "rule “Error rate < 0.1%”" / "checkpoint at 10%": how the editor and the item name a link. */
export function describeLink(link: TMetricLink, steps: readonly TRolloutStep[] = []): string {
  if (link.kind === "rule") return `rule “${link.rule}”`;
  const step = steps.find((s) => s.percent === link.percent);
  return step ? `checkpoint “${step.checkpoint}”` : `checkpoint at ${link.percent}%`;
}

/** Who ticks a linked item that passed: named so nobody mistakes it for a person. */
export const LINKED_TICK_ACTOR = { id: "system:metrics-checklist", name: "Warroom (metrics)" } as const;

type TLinkSnapshot = Pick<TRunSnapshot, "rolloutPercent" | "checkpointStartedAt" | "rolloutSteps"> & { metrics: { rules: readonly TRuleView[] } };

/** A link judged from what a screen holds (the run snapshot), for the war room's item rows. */
export function snapshotLinkStatus(snapshot: TLinkSnapshot, link: TMetricLink, now: Date): TLinkStatus {
  return linkStatus(link, {
    rules: snapshot.metrics.rules,
    rolloutPercent: snapshot.rolloutPercent,
    checkpointStartedAt: snapshot.checkpointStartedAt,
    rolloutSteps: snapshot.rolloutSteps,
    now,
  });
}

/** The template editor's choice for a link, as one string: "", "rule:<label>" or "checkpoint:<percent>". */
export function linkKey(link: TMetricLink | null | undefined): string {
  if (!link) return "";
  return link.kind === "rule" ? `rule:${link.rule}` : `checkpoint:${link.percent}`;
}

export function linkFromKey(key: string): TMetricLink | undefined {
  if (key.startsWith("rule:") && key.length > 5) return { kind: "rule", rule: key.slice(5) };
  const percent = key.startsWith("checkpoint:") ? Number(key.slice(11)) : NaN;
  return Number.isInteger(percent) && percent >= 1 && percent <= 100 ? { kind: "checkpoint", percent } : undefined;
}
