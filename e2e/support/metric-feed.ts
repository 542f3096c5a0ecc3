// A monitoring script for e2e runs: pushes the demo's metric series (lib/demo/scenario.ts) through the
// public HTTP API with a run's bearer token, one batch a second, time compressed by `speed` like
// `npm run demo -- --speed N`. It starts healthy (the scenario's healthy stretch, looped) and plays
// the rest of the scenario — the canary's error rate climbing past 1% and 5% and staying there —
// when asked. Samples carry the real time; only the story moves `speed` times faster.
import { setTimeout as delay } from "node:timers/promises";
import { HEALTHY_UNTIL_S, samplesAt } from "../../lib/demo/scenario";

export type TMetricFeed = {
  /** From now on, play the scenario from its start (healthy, then the climb that fires the rollback rule). */
  playIncident(): void;
  stop(): Promise<void>;
  /** Batches the API accepted; a refusal stops nothing but is kept here for the test to show. */
  readonly accepted: number;
  readonly lastError: string | null;
};

type TFeedOptions = { baseURL: string; runId: string; token: string; speed: number; everyMs?: number };

export function startMetricFeed({ baseURL, runId, token, speed, everyMs = 1000 }: TFeedOptions): TMetricFeed {
  const startedAt = Date.now();
  let incidentAt: number | null = null;
  let isStopped = false;
  let accepted = 0;
  let lastError: string | null = null;

  async function pushOnce() {
    const scenarioSeconds = (from: number) => ((Date.now() - from) / 1000) * speed;
    const t = incidentAt === null ? scenarioSeconds(startedAt) % HEALTHY_UNTIL_S : scenarioSeconds(incidentAt);
    const timestamp = new Date().toISOString();
    const response = await fetch(`${baseURL}/api/runs/${runId}/metrics`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ samples: samplesAt(t).map((s) => ({ ...s, timestamp })) }),
    });
    if (response.ok) accepted++;
    else lastError = `HTTP ${response.status}: ${await response.text()}`;
  }

  const loop = (async () => {
    while (!isStopped) {
      const due = Date.now() + everyMs;
      await pushOnce().catch((error: unknown) => (lastError = String(error)));
      if (due > Date.now()) await delay(due - Date.now());
    }
  })();

  return {
    playIncident: () => void (incidentAt = Date.now()),
    stop: async () => {
      isStopped = true;
      await loop;
    },
    get accepted() {
      return accepted;
    },
    get lastError() {
      return lastError;
    },
  };
}
