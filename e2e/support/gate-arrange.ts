// What the gate's tests share: a run brought to go/no-go with its deployment lead holding the one
// position on the roll call, a poll that says PROCEED, and green samples of every metric the
// built-in runbook's rules judge (canary and production), pushed through the API with a key.
import type { TActor } from "../../lib/auth/users";
import { db } from "../../lib/db/client";
import { closePoll, openPoll, votePoll } from "../../lib/runs/poll-commands";
import { changeStatus } from "../../lib/runs/status-commands";
import { makeRun } from "./factories";

export const QUESTIONS = ["Ready for production?"];

/** Metrics of the built-in runbook's gating rules, at healthy values. */
export const GREEN_VALUES: Record<string, number> = {
  error_rate: 0.05,
  response_time_avg: 180,
  response_time_p95: 420,
  db_query_time: 40,
  db_connection_failures: 0,
  memory: 55,
  cpu: 35,
};

export async function runAtGoNoGo(lead: TActor, overrides: Record<string, unknown> = {}) {
  const run = await makeRun(lead, overrides);
  // Ticking every item is the checklist's own business (tested elsewhere): set it directly.
  await db().runItem.updateMany({ where: { section: { phase: { runId: run.id } } }, data: { state: "done" } });
  let version = 0;
  for (const to of ["pre_deployment", "staging", "smoke_tests", "go_no_go"]) await changeStatus(lead, { runId: run.id, to, version: version++ });
  return { runId: run.id, version };
}

/** Opens a round for the deployment lead, who votes GO on everything; the lead closes it: PROCEED. */
export async function pollProceeds(lead: TActor, runId: string) {
  const { event } = await openPoll(lead, { runId, questions: QUESTIONS, positions: ["deployment_lead"] });
  const pollId = (event.payload as { pollId: string }).pollId;
  await votePoll(lead, { runId, pollId, position: "deployment_lead", answers: QUESTIONS.map((_, questionIndex) => ({ questionIndex, answer: "go", version: 0 })) });
  await closePoll(lead, { runId, pollId });
  return pollId;
}

/** One scrape of every gating metric at healthy values, now, on both stages. */
export function greenSamples(at = Date.now()) {
  return Object.entries(GREEN_VALUES).flatMap(([metric, value]) =>
    (["canary", "production"] as const).map((stage) => ({ metric, value, stage, timestamp: new Date(at).toISOString() })),
  );
}

export async function pushGreen(key: string, runId: string) {
  // Imported here: the route caller needs vitest's test setup, and the bench uses this file too.
  const { callApi } = await import("./api-client");
  const answer = await callApi("POST", `/api/v1/runs/${runId}/metrics`, { key, body: { samples: greenSamples() } });
  if (answer.status !== 200) throw new Error(`metrics push: HTTP ${answer.status} ${answer.text}`);
}
