// Walking the playbook's decision trees ("Canary Metrics Red": where are the errors? → widespread →
// ROLLBACK immediately), what a final action does to the run, and which tree a live signal calls for.
// Pure: the server checks every step with these, the war room shows the same answers.
import type { z } from "zod";
import type { TItemState } from "./checklist";
import { type TRunMetrics } from "./metric-events";
import { describeRecommendationValue, openRecommendations } from "./metric-recommendations";
import type { TRolloutStep } from "./rollout";
import { canRollBack, isTerminal, STATUS_LABELS, type TRunStatus } from "./run-status";
import type { TDecisionNode, TPhaseKey, ZDecisionAction, ZDecisionTree } from "./template-definition";

export type TDecisionTree = z.infer<typeof ZDecisionTree>;
export type TDecisionAction = z.infer<typeof ZDecisionAction>;

export const ACTION_LABELS: Record<TDecisionAction, string> = {
  stop: "Stop",
  investigate: "Investigate",
  fix_and_retest: "Fix and re-test",
  rollback: "Roll back",
  reschedule: "Reschedule",
  resume: "Resume",
  restore: "Restore data",
  document: "Document",
};

export type TWalkStatus = "open" | "decided" | "applied" | "abandoned";

/** The nodes from the root along a path of chosen ids; null when the path leaves the tree. */
export function walkTrail(tree: Pick<TDecisionTree, "root">, path: readonly string[]): TDecisionNode[] | null {
  const trail = [tree.root];
  for (const id of path) {
    const next = trail.at(-1)!.children?.find((c) => c.id === id);
    if (!next) return null;
    trail.push(next);
  }
  return trail;
}

export type TWalkStep = { kind: "choose"; nodeId: string } | { kind: "back" };

export type TStepResult =
  | { ok: true; path: string[]; node: TDecisionNode; status: "open" | "decided"; action: TDecisionAction | null }
  | { ok: false; reason: string };

/** One step of a walk: choose a child of the current question, or go back one choice. */
export function checkWalkStep(tree: Pick<TDecisionTree, "root" | "title">, walk: { status: TWalkStatus; path: readonly string[] }, step: TWalkStep): TStepResult {
  if (walk.status === "applied" || walk.status === "abandoned") {
    return { ok: false, reason: `This “${tree.title}” walk is over (${walk.status}): start the guide again to decide anew.` };
  }
  const trail = walkTrail(tree, walk.path);
  if (!trail) return { ok: false, reason: `This walk no longer matches the “${tree.title}” tree.` };
  if (step.kind === "back") {
    if (walk.path.length === 0) return { ok: false, reason: "Nothing to go back from: this is the first question." };
    const path = walk.path.slice(0, -1);
    return { ok: true, path, node: trail.at(-2)!, status: "open", action: null };
  }
  const current = trail.at(-1)!;
  if (walk.status === "decided") return { ok: false, reason: `Already decided: “${current.label}”. Go back first to choose differently.` };
  const node = current.children?.find((c) => c.id === step.nodeId);
  if (!node) return { ok: false, reason: `“${step.nodeId}” is not an answer to “${current.label}”.` };
  const path = [...walk.path, node.id];
  // A node with an action ends the path; a node with children asks the next question.
  const action = node.action ?? null;
  return { ok: true, path, node, status: action || !node.children?.length ? "decided" : "open", action };
}

export type TDecisionEffect =
  | { kind: "status"; to: TRunStatus; preview: string; outcome: string }
  | { kind: "record"; preview: string; outcome: string };

/**
 * What applying a final action does to a run in this status. A rollback moves a deployed run to
 * rolled back (through the status command, with its gates); before production nothing can be rolled
 * back, so the run is rescheduled. A reschedule after production started has to be a rollback.
 * Stop, investigate, fix, document, resume and restore are decisions for people: they are recorded.
 */
export function decisionEffect(action: TDecisionAction | null, status: TRunStatus): TDecisionEffect {
  const record = (text: string): TDecisionEffect => ({ kind: "record", preview: `Records the decision: ${text}`, outcome: `Recorded: ${text}` });
  const move = (to: TRunStatus, why = ""): TDecisionEffect => ({
    kind: "status",
    to,
    preview: `${why}Moves the run to ${STATUS_LABELS[to]}`,
    outcome: `${why}Moved the run to ${STATUS_LABELS[to]}`,
  });
  if (!action) return record("no action");
  if (isTerminal(status)) return record(`the run is already ${STATUS_LABELS[status].toLowerCase()}`);
  const isDeployed = canRollBack(status);
  switch (action) {
    case "rollback":
      if (isDeployed) return move("rolled_back");
      return status === "rescheduled" ? record("the run is already rescheduled") : move("rescheduled", "Nothing reached production: ");
    case "reschedule":
      if (status === "rescheduled") return record("the run is already rescheduled");
      return isDeployed ? move("rolled_back", "Production has started, so it is rolled back (schedule a new run): ") : move("rescheduled");
    case "stop":
      return record(`the run holds at ${STATUS_LABELS[status]}, nobody proceeds`);
    case "resume":
      return record("the rollout may resume once the infrastructure is fixed");
    case "restore":
      return record("check the backups and prepare a data restore");
    case "fix_and_retest":
      return record("fix, then reopen and re-run the failed checks");
    case "document":
      return record("document why the test is a false positive and skip it with that reason");
    case "investigate":
      return record("investigate before deciding");
  }
}

// ───────────────────────────── signals ─────────────────────────────

export type TSignalInput = {
  status: TRunStatus;
  rolloutPercent: number;
  rolloutSteps: readonly TRolloutStep[];
  phases: readonly {
    key: TPhaseKey;
    title: string;
    sections: readonly {
      intervalMinutes: number | null;
      items: readonly { id: string; text: string; state: TItemState; note: string | null; changedByName: string | null; changedAt: string | null }[];
    }[];
  }[];
  metrics?: TRunMetrics;
};

export type TDecisionSignal = {
  /** The tree's signal name ("canary_rollback_rule"). */
  signal: string;
  treeKey: string;
  treeTitle: string;
  /** What happened, in words, shown beside the offer and kept with the walk. */
  evidence: string[];
  /** When it happened (the latest piece of evidence): a walk started since answers it. */
  at: string;
};

const BUILD_ITEM = /\bbuild/i;
const BUILD_PHASES: readonly TPhaseKey[] = ["pre_deployment", "staging"];
const TEST_PHASES: readonly TPhaseKey[] = ["staging", "smoke_testing"];

type TFailed = { phaseTitle: string; text: string; note: string | null; byName: string | null; at: string | null };

function failedItems(input: TSignalInput, phases: readonly TPhaseKey[], keep: (text: string) => boolean): TFailed[] {
  return input.phases
    .filter((p) => phases.includes(p.key))
    .flatMap((p) =>
      p.sections
        .filter((s) => s.intervalMinutes === null)
        .flatMap((s) => s.items.filter((i) => i.state === "failed" && keep(i.text)).map((i) => ({ phaseTitle: p.title, text: i.text, note: i.note, byName: i.changedByName, at: i.changedAt }))),
    );
}

const latest = (times: (string | null)[]) => times.filter((t): t is string => !!t).sort().at(-1) ?? new Date(0).toISOString();

function itemEvidence(failed: TFailed[]): string[] {
  return failed.map((f) => `${f.phaseTitle}: “${f.text}” failed${f.note ? ` — ${f.note}` : ""}${f.byName ? ` (${f.byName})` : ""}`);
}

/** The signals the run shows now, each naming the tree that answers it (trees without a match are skipped). */
export function decisionSignals(input: TSignalInput, trees: readonly Pick<TDecisionTree, "key" | "title" | "signal">[]): TDecisionSignal[] {
  const found: Omit<TDecisionSignal, "treeKey" | "treeTitle">[] = [];
  const isPreProduction = ["pre_deployment", "staging", "smoke_tests", "go_no_go"].includes(input.status);
  if (isPreProduction) {
    const build = failedItems(input, BUILD_PHASES, (t) => BUILD_ITEM.test(t));
    if (build.length) found.push({ signal: "build_item_failed", evidence: itemEvidence(build), at: latest(build.map((f) => f.at)) });
    const tests = failedItems(input, TEST_PHASES, (t) => !BUILD_ITEM.test(t));
    if (tests.length) found.push({ signal: "staging_item_failed", evidence: itemEvidence(tests), at: latest(tests.map((f) => f.at)) });
  }
  if (["production", "validation", "monitoring"].includes(input.status) && input.metrics) {
    const active = openRecommendations(input.metrics).filter((r) => r.isActive);
    if (active.length) {
      const canaryPercent = input.rolloutSteps[0]?.percent ?? 0;
      const isCanary = input.status === "production" && input.rolloutPercent <= canaryPercent;
      const evidence = active.map((r) => {
        const value = describeRecommendationValue(r);
        return `${r.alert.source === "manual" ? "Rollback trigger pulled" : "Rollback rule firing"}: ${r.alert.label}${value ? ` (${value})` : ""} at ${input.rolloutPercent}% rollout`;
      });
      found.push({ signal: isCanary ? "canary_rollback_rule" : "rollout_rollback_rule", evidence, at: latest(active.map((r) => r.alert.raisedAt)) });
    }
  }
  return found.flatMap((s) => {
    const tree = trees.find((t) => t.signal === s.signal);
    return tree ? [{ ...s, treeKey: tree.key, treeTitle: tree.title }] : [];
  });
}

/** The signals still to offer: a walk of the same tree in progress, or started since the signal, answers it. */
export function unansweredSignals(
  signals: readonly TDecisionSignal[],
  walks: readonly { treeKey: string; startedAt: string; status: TWalkStatus }[],
): TDecisionSignal[] {
  const answers = (s: TDecisionSignal, w: (typeof walks)[number]) =>
    w.treeKey === s.treeKey && (w.status === "open" || w.status === "decided" || Date.parse(w.startedAt) >= Date.parse(s.at));
  return signals.filter((s) => !walks.some((w) => answers(s, w)));
}
