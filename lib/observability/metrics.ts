// Warroom's own Prometheus metrics (GET /metrics, lib/observability/metrics-endpoint.ts). Features
// report through the one-line calls below and know nothing of prom-client; the gauges read at
// scrape time (sockets, pool, rule states) are in collectors.ts. One registry per process, kept on
// globalThis: server.ts and Next's bundles load this module separately, and a command run from a
// server action must count in the same registry the endpoint serves.
import client from "prom-client";
import { toErrorResponse } from "../errors";

const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function createMetrics() {
  const registry = new client.Registry();
  const registers = [registry];
  return {
    registry,
    commands: new client.Counter({
      name: "warroom_commands_total",
      help: "Run commands by kind (the permission they need: items.tick, runs.control, poll.vote, metrics.evaluate, …) and outcome (ok, replay, or the refusal's error code).",
      labelNames: ["type", "outcome"] as const,
      registers,
    }),
    commandSeconds: new client.Histogram({
      name: "warroom_command_duration_seconds",
      help: "Time to run a command: authorize, lock the run, apply, commit (the broadcast is released after).",
      labelNames: ["type"] as const,
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    broadcastSeconds: new client.Histogram({
      name: "warroom_broadcast_latency_seconds",
      help: "From a run event's transaction timestamp to its broadcast to this instance's sockets (commit and seq-order hold included).",
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    ingestSamples: new client.Counter({
      name: "warroom_ingest_samples_total",
      help: "Metric samples received through the HTTP API: accepted (stored) or duplicate (already stored, skipped).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    ruleEvaluations: new client.Counter({
      name: "warroom_rule_evaluations_total",
      help: "Rule evaluations made by this instance, by the verdict's status.",
      labelNames: ["status"] as const,
      registers,
    }),
    deliveries: new client.Counter({
      name: "warroom_outbound_deliveries_total",
      help: "Outbound delivery attempts (webhook posts) by outcome: delivered, http_error, network_error, refused.",
      labelNames: ["channel", "outcome"] as const,
      registers,
    }),
  };
}

export type TWarroomMetrics = ReturnType<typeof createMetrics>;

const holder = globalThis as typeof globalThis & { __warroomPromMetrics?: TWarroomMetrics };

export function metrics(): TWarroomMetrics {
  holder.__warroomPromMetrics ??= createMetrics();
  return holder.__warroomPromMetrics;
}

/** Runs a command, counting it by kind and outcome and timing it. */
export async function observeCommand<T extends { isReplay: boolean }>(type: string, run: () => Promise<T>): Promise<T> {
  const { commands, commandSeconds } = metrics();
  const stopTimer = commandSeconds.startTimer({ type });
  try {
    const result = await run();
    commands.inc({ type, outcome: result.isReplay ? "replay" : "ok" });
    return result;
  } catch (error) {
    commands.inc({ type, outcome: toErrorResponse(error).body.error.code });
    throw error;
  } finally {
    stopTimer();
  }
}

/** A run event was just emitted to this instance's sockets. */
export function observeBroadcast(eventCreatedAt: string): void {
  const seconds = (Date.now() - Date.parse(eventCreatedAt)) / 1000;
  if (Number.isFinite(seconds)) metrics().broadcastSeconds.observe(Math.max(0, seconds));
}

export function countIngestedSamples(accepted: number, duplicates: number): void {
  const { ingestSamples } = metrics();
  if (accepted > 0) ingestSamples.inc({ outcome: "accepted" }, accepted);
  if (duplicates > 0) ingestSamples.inc({ outcome: "duplicate" }, duplicates);
}

export function countRuleEvaluations(statuses: readonly string[]): void {
  const { ruleEvaluations } = metrics();
  for (const status of statuses) ruleEvaluations.inc({ status });
}

const ATTEMPT_OUTCOMES = { ok: "delivered", http: "http_error", network: "network_error", refused: "refused" } as const;

/** One try of an outbound delivery, by the kind of its result. */
export function countDeliveryAttempt(channel: string, kind: keyof typeof ATTEMPT_OUTCOMES): void {
  metrics().deliveries.inc({ channel, outcome: ATTEMPT_OUTCOMES[kind] });
}
