// Every per-caller limit Warroom applies, in one place (the README's hardening section lists them).
// Rates are counted in memory per instance; quotas of stored things (custom metrics, rules) are
// counted in the database. The rates can be raised through the environment (lib/env.ts) for
// benchmarks and unusual deployments; the defaults leave people and well-behaved scripts far below them.
import { env } from "../env";

export type TLimits = {
  /** Socket commands per second, per socket (a burst of twice as many is allowed); a user's sockets together get twice the socket's. */
  commandsPerSecond: number;
  /** Socket commands awaiting their answer, per socket; a user's sockets together get twice as many. */
  commandsInFlight: number;
  /** Run joins that replay missed events (afterSeq > 0), per socket per minute. */
  replaysPerMinute: number;
  /** HTTP requests per API key or metric token per minute. */
  apiRequestsPerMinute: number;
  /** Metric samples accepted per run and metric per minute (all stages together). */
  samplesPerMetricPerMinute: number;
  /** Custom metrics a run may declare. */
  customMetricsPerRun: number;
  /** Metric rules a run may hold (the runbook's own included). */
  rulesPerRun: number;
};

export const DEFAULT_LIMITS: TLimits = {
  commandsPerSecond: 20,
  commandsInFlight: 4,
  replaysPerMinute: 30,
  apiRequestsPerMinute: 600,
  samplesPerMetricPerMinute: 20_000,
  customMetricsPerRun: 50,
  rulesPerRun: 100,
};

export function limits(): TLimits {
  const e = env();
  return {
    ...DEFAULT_LIMITS,
    commandsPerSecond: e.SOCKET_COMMAND_RATE ?? DEFAULT_LIMITS.commandsPerSecond,
    commandsInFlight: e.SOCKET_COMMANDS_IN_FLIGHT ?? DEFAULT_LIMITS.commandsInFlight,
    replaysPerMinute: e.SOCKET_REPLAYS_PER_MINUTE ?? DEFAULT_LIMITS.replaysPerMinute,
    apiRequestsPerMinute: e.API_RATE_LIMIT ?? DEFAULT_LIMITS.apiRequestsPerMinute,
    samplesPerMetricPerMinute: e.METRIC_SAMPLE_RATE_LIMIT ?? DEFAULT_LIMITS.samplesPerMetricPerMinute,
  };
}
