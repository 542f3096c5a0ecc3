// A run arranged into production for the operator-experience spec: walked through its checklist and
// a one-position Go/No-Go over the war room's own socket commands (as a11y-arrange does), stepped to
// the canary, fed metrics through the public API with a token made over the socket.
import { expect, type Page } from "@playwright/test";
import { command, itemIds, pushSamples, type TClient } from "./a11y-arrange";

const ARRANGED = { kind: "done", reason: "arranged by the test" } as const;

/** Ticks every item of the phases before production, votes GO alone and closes the poll. Leaves the run at go/no-go (version 4). */
export async function arrangeToGoNoGo(page: Page, socket: TClient, runId: string): Promise<void> {
  await page.goto(`/runs/${runId}`);
  let version = 0;
  for (const [status, phase] of [["pre_deployment", "pre_deployment"], ["staging", "staging"], ["smoke_tests", "smoke_testing"]] as const) {
    await command(socket, "run:status", { runId, to: status, version: version++ });
    for (const itemId of await itemIds(page, phase)) await command(socket, "item:change", { runId, itemId, version: 0, action: ARRANGED });
  }
  await command(socket, "run:status", { runId, to: "go_no_go", version });
}

/** Opens the poll for the Deployment Lead alone, answers all GO and closes it: PROCEED. */
export async function arrangeProceed(page: Page, socket: TClient, runId: string): Promise<void> {
  const questions = ["Ready for production?"];
  await command(socket, "poll:open", { runId, questions, positions: ["deployment_lead"] });
  await page.goto(`/runs/${runId}`);
  const pollId = (await page.getByTestId("roll-call").getAttribute("data-poll-id"))!;
  await command(socket, "poll:vote", { runId, pollId, position: "deployment_lead", answers: [{ questionIndex: 0, version: 0, answer: "go" }] });
  await command(socket, "poll:close", { runId, pollId });
}

/** Production at the 10% canary with a metrics token; returns the token. */
export async function arrangeCanary(page: Page, socket: TClient, runId: string): Promise<string> {
  await arrangeToGoNoGo(page, socket, runId);
  await arrangeProceed(page, socket, runId);
  await command(socket, "run:status", { runId, to: "production", version: 4 });
  const { token } = await command<{ token: string }>(socket, "token:create", { runId, name: "operator-monitoring" });
  await command(socket, "rollout:advance", { runId, fromPercent: 0 });
  return token;
}

/** Twelve minutes of key metrics, the canary past the rollback trigger for the last 6½. */
export async function pushIncident(baseURL: string, runId: string, token: string): Promise<void> {
  const now = Date.now();
  const samples = [];
  for (let ago = 12 * 60; ago >= 0; ago -= 15) {
    const timestamp = new Date(now - ago * 1000).toISOString();
    const isBad = ago <= 6.5 * 60;
    samples.push(
      { metric: "error_rate", stage: "canary", timestamp, value: isBad ? 7.5 : 0.3 },
      { metric: "error_rate", stage: "production", timestamp, value: 0.2 },
      { metric: "response_time_p95", stage: "canary", timestamp, value: isBad ? 1450 : 420 },
      { metric: "response_time_p95", stage: "production", timestamp, value: 390 },
    );
  }
  await pushSamples(baseURL, runId, token, samples);
}

export { expect };

/** The run's current version (status moves are checked against it), from its JSON snapshot. */
export async function runVersion(page: Page, runId: string): Promise<number> {
  const response = await page.request.get(`/api/runs/${runId}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { version: number }).version;
}
