// How the runbook's words become template data: phase names, thresholds ("Error rate > 5% sustained
// (5 minutes)"), rollout checkpoints, go/no-go questions and decision-tree drawings. Pure.
import type { z } from "zod";
import type { TDecisionNode, TPhaseKey, ZDecisionAction, ZThreshold } from "../template-definition";

export type TThresholdInput = z.input<typeof ZThreshold>;
type TThreshold = TThresholdInput;
type TAction = z.infer<typeof ZDecisionAction>;

/** The six phases, by the words their headings use (first match wins: "Production Validation" is validation). */
const PHASE_WORDS: Array<[RegExp, TPhaseKey]> = [
  [/pre[- ]?deploy/i, "pre_deployment"],
  [/post[- ]?deploy/i, "post_deployment"],
  [/smoke/i, "smoke_testing"],
  [/staging/i, "staging"],
  [/validat|verif/i, "validation"],
  [/production|rollout|release/i, "production"],
];

export function phaseKeyOf(title: string): TPhaseKey | null {
  return PHASE_WORDS.find(([re]) => re.test(title))?.[1] ?? null;
}

/** "Capture Baseline Metrics" → "Capture baseline metrics": bold sub-headings read as checklist items. */
export const sentenceCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();

/** Metric keys the product knows, by the words a runbook uses for them. */
const METRIC_WORDS: Array<[RegExp, string]> = [
  [/error rate/i, "error_rate"],
  [/response time.*p95|p95.*response|\(p95\)/i, "response_time_p95"],
  [/response time|latency/i, "response_time_avg"],
  [/database quer|db quer|query time/i, "db_query_time"],
  [/connection failure/i, "db_connection_failures"],
  [/memory/i, "memory"],
  [/cpu/i, "cpu"],
];

const slug = (s: string) =>
  s.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 64) || "metric";

const COMPARATOR_WORDS: Record<string, TThreshold["comparator"]> = { ">": ">", "<": "<", ">=": ">=", "<=": "<=", "≥": ">=", "≤": "<=" };

/** "Database queries > 2 seconds → Investigate" → a threshold on db_query_time > 2000 ms; null when no comparison. */
export function parseThreshold(text: string): TThreshold | null {
  const m = /^(.*?)\s*(>=|<=|≥|≤|>|<)\s*(\d+(?:\.\d+)?)\s*(%|ms|seconds?|secs?|s\b|minutes?)?/i.exec(text);
  if (!m || !m[1].trim()) return null;
  const subject = m[1].trim();
  let value = Number(m[3]);
  let unit = (m[4] ?? "").toLowerCase();
  if (/^(seconds?|secs?|s)$/.test(unit)) [value, unit] = [value * 1000, "ms"];
  else if (/^minutes?$/.test(unit)) [value, unit] = [value * 60_000, "ms"];
  const sustained = /sustained\s*\(?(\d+)\s*minutes?/i.exec(text);
  const within = /\bin (\d+) minutes?/i.exec(text);
  const window: TThreshold["window"] = sustained
    ? { kind: "sustained", minutes: Number(sustained[1]) }
    : within
      ? { kind: "sum", minutes: Number(within[1]) }
      : { kind: "immediate" };
  const metric = METRIC_WORDS.find(([re]) => re.test(text))?.[1] ?? slug(subject);
  return { label: text, metric, comparator: COMPARATOR_WORDS[m[2]], value, unit, window };
}

/** "Ready for production? (yes/no)" → "Ready for production?". */
export const goNoGoQuestion = (line: string) => line.replace(/\s*\((yes\/no|y\/n)\)\s*$/i, "").replace(/^\d+\.\s*/, "").trim();

/** "Canary metrics green (5 minutes)" → how long the step stays green; the percent comes from its neighbours. */
export function checkpointOf(text: string): { greenMinutes: number; prefix: string } | null {
  const m = /^(.*?)\s*metrics green\s*\((\d+(?:\.\d+)?)\s*minutes?\)/i.exec(text);
  return m ? { prefix: m[1].trim(), greenMinutes: Number(m[2]) } : null;
}

/** What a tree's final step does, by its words (the strongest first: "Fix code, re-test, reschedule" reschedules). */
const ACTION_WORDS: Array<[RegExp, TAction]> = [
  [/rollback|roll back/i, "rollback"],
  [/restore/i, "restore"],
  [/reschedule/i, "reschedule"],
  [/resume/i, "resume"],
  [/re-?test/i, "fix_and_retest"],
  [/document/i, "document"],
  [/^stop\b/i, "stop"],
  [/investigate/i, "investigate"],
];
export const actionOf = (label: string): TAction | undefined => ACTION_WORDS.find(([re]) => re.test(label))?.[1];

type TDrawn = { label: string; children: TDrawn[] };

/** "├─ If widespread:" lines → a nested list by the column of their branch mark. */
function readDrawing(lines: string[]): { root: string; entries: TDrawn[] } {
  const [first = "", ...rest] = lines.filter((l) => l.trim() !== "");
  const root = first.replace(/^[^\p{L}\p{N}]+/u, "").trim();
  const top: TDrawn[] = [];
  const stack: Array<{ col: number; node: TDrawn }> = [];
  for (const line of rest) {
    const m = /^(.*?)[├└]─\s*(.+)$/.exec(line);
    if (!m) continue;
    const col = m[1].length;
    const node: TDrawn = { label: m[2].trim(), children: [] };
    while (stack.length && stack[stack.length - 1].col >= col) stack.pop();
    (stack.length ? stack[stack.length - 1].node.children : top).push(node);
    stack.push({ col, node });
  }
  return { root, entries: top };
}

const nodeId = (label: string) => slug(label).replace(/_/g, "-").slice(0, 64);
const optionLabel = (label: string) => sentenceCase(label.replace(/^if\s+/i, "").replace(/:$/, "")).replace(/\((\w)/, (_, c: string) => `(${c.toLowerCase()}`);

/** A drawn decision tree → steps to take first, then the question and its answers ending in actions. */
export function parseTreeDrawing(body: string): { steps: string[]; root: TDecisionNode } {
  const { root, entries } = readDrawing(body.split("\n"));
  const steps: string[] = [];
  let i = 0;
  for (; i < entries.length; i++) {
    const e = entries[i];
    if (e.children.length || /^(stop|resolve|decision|options?)\b/i.test(e.label)) break;
    steps.push(e.label);
  }
  const rest = entries.slice(i);
  const stop = rest.find((e) => /^stop\b/i.test(e.label) && !e.children.length);
  const groups = rest.filter((e) => e.children.length);
  const label = stop ? `${root}: ${stop.label.replace(/^stop:\s*/i, "").replace(/^\w/, (c) => c.toLowerCase())}` : root;
  const leaf = (text: string): TDecisionNode => {
    const clean = text.replace(/^resolve:\s*/i, "");
    const action = actionOf(clean);
    return { id: nodeId(clean), label: clean, ...(action ? { action } : {}) };
  };
  const answer = (e: TDrawn): TDecisionNode =>
    e.children.length ? { id: nodeId(optionLabel(e.label)), label: optionLabel(e.label), children: e.children.map(answer) } : leaf(e.label);
  // With options drawn, STOP is the root's own meaning; without, it is one of the ends.
  const ends = groups.length
    ? groups.flatMap((g) => g.children.map(answer))
    : rest.map((e) => leaf(e.label));
  return { steps, root: { id: nodeId(root), label, children: ends } };
}
