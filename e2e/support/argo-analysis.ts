// How Argo Rollouts' `web` metric provider judges an answer, ported for tests from its source
// (argoproj/argo-rollouts at 9f8d111d8; no Kubernetes here to run it):
//  - metricproviders/webmetric/webmetric.go: a status outside 2xx is a measurement Error; the body
//    is JSON-decoded and `jsonPath` (Kubernetes JSONPath, default "{$}") picks the first value;
//  - utils/evaluate/evaluate.go, EvaluateResult: with both conditions, failureCondition true →
//    Failed, else successCondition true → Successful, else Inconclusive (which pauses the rollout);
//    with only a successCondition, not successful is Failed; with only a failureCondition, not
//    failed is Successful.
// Only what the README's AnalysisTemplate uses is supported: a jsonPath of plain fields
// ("{$.decision}") and the conditions `result == "…"` and `result in ["…", …]` (expr-lang syntax).
export type TArgoPhase = "Successful" | "Failed" | "Inconclusive" | "Error";
export type TWebMetric = { jsonPath?: string; successCondition?: string; failureCondition?: string };

export function pickJsonPath(data: unknown, jsonPath = "{$}"): unknown {
  const match = /^\{\$((?:\.[A-Za-z_][\w]*)*)\}$/.exec(jsonPath);
  if (!match) throw new Error(`jsonPath ${jsonPath}: only {$.field.field} is supported here`);
  let value = data;
  for (const field of match[1].split(".").filter(Boolean)) value = (value as Record<string, unknown> | null)?.[field];
  return value;
}

export function evalCondition(result: unknown, condition: string): boolean {
  const equals = /^result\s*==\s*"([^"]*)"$/.exec(condition.trim());
  if (equals) return result === equals[1];
  const within = /^result\s+in\s+\[(.*)\]$/.exec(condition.trim());
  if (within) return within[1].split(",").map((s) => s.trim().replace(/^"(.*)"$/, "$1")).includes(String(result));
  throw new Error(`condition ${condition}: not one this port understands`);
}

export function evaluateResult(result: unknown, metric: TWebMetric): TArgoPhase {
  let success = metric.successCondition ? evalCondition(result, metric.successCondition) : false;
  let fail = metric.failureCondition ? evalCondition(result, metric.failureCondition) : false;
  if (!metric.successCondition && !metric.failureCondition) return "Successful";
  if (metric.successCondition && !metric.failureCondition) fail = !success;
  if (!metric.successCondition && metric.failureCondition) success = !fail;
  if (fail) return "Failed";
  if (!success) return "Inconclusive";
  return "Successful";
}

/** One measurement of the web provider on an HTTP answer. */
export function measure(answer: { status: number; text: string }, metric: TWebMetric): { phase: TArgoPhase; value: unknown } {
  if (answer.status < 200 || answer.status >= 300) return { phase: "Error", value: null };
  let data: unknown;
  try {
    data = JSON.parse(answer.text);
  } catch {
    return { phase: evaluateResult(answer.text, metric), value: answer.text };
  }
  const value = pickJsonPath(data, metric.jsonPath);
  return { phase: value === undefined ? "Error" : evaluateResult(value, metric), value };
}
