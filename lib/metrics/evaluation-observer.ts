// How long the monitor's evaluations and Prometheus queries take, for `npm run bench:rules`: an
// observer the benchmark installs (none in production, where each hook is one null check).
import type { TRunMonitor } from "./monitor-store";
import type { TRuleRow } from "./rule-rows";

export type TEvaluationObserver = {
  /** One evaluation of a run that judged `judgedRules` rules (queries, storing and judging included). */
  onEvaluation: (runId: string, ms: number, judgedRules: number) => void;
  /** One Prometheus instant query, request to parsed answer. */
  onQuery: (ms: number) => void;
};

const holder = globalThis as typeof globalThis & { __warroomEvaluationObserver?: TEvaluationObserver | null };

export function setEvaluationObserver(observer: TEvaluationObserver | null): void {
  holder.__warroomEvaluationObserver = observer;
}

export const evaluationObserver = () => holder.__warroomEvaluationObserver ?? null;

/** After a run's evaluation at `now` that began at `startedAt` (performance.now()): counts the rules it judged. */
export function noteEvaluation(state: TRunMonitor, rules: readonly TRuleRow[], now: number, startedAt: number): void {
  const observer = evaluationObserver();
  if (!observer) return;
  const judged = rules.filter((r) => state.verdicts.get(r.id)?.lastEvaluatedAt === now).length;
  if (judged > 0) observer.onEvaluation(state.runId, performance.now() - startedAt, judged);
}

/** `query`, timed for the observer when there is one. */
export async function timedQuery<T>(query: () => Promise<T>): Promise<T> {
  const observer = evaluationObserver();
  if (!observer) return query();
  const startedAt = performance.now();
  try {
    return await query();
  } finally {
    observer.onQuery(performance.now() - startedAt);
  }
}
