// The per-run sample quota: a run accepts at most so many samples per metric per minute (all its
// stages together; lib/security/limits.ts), so one runaway script cannot fill the database. A batch
// that would pass it is refused whole (nothing stored, as with every other problem) with 429 and
// when to send again. Counted in memory, per instance.
import { RateLimitedError } from "../errors";
import { limits } from "../security/limits";
import { spend, usage } from "../security/rate-limit";

const WINDOW_MS = 60_000;

export function spendSampleQuota(runId: string, samples: readonly { metric: string }[], now = Date.now()): void {
  const max = limits().samplesPerMetricPerMinute;
  const limit = { max, windowMs: WINDOW_MS };
  const perMetric = new Map<string, number>();
  for (const sample of samples) perMetric.set(sample.metric, (perMetric.get(sample.metric) ?? 0) + 1);
  for (const [metric, count] of perMetric) {
    const used = usage("metric-samples", limit, `${runId}|${metric}`, now);
    if (used.count + count > max) {
      const wait = Math.ceil(used.resetsInMs / 1000);
      throw new RateLimitedError(
        `samples: ${metric} has had ${used.count} of this run's ${max} samples a minute for one metric, and this request brings ${count} more. ` +
          `Nothing of the request was stored: send it again in ${wait} s, or send samples less often.`,
        used.resetsInMs,
      );
    }
  }
  for (const [metric, count] of perMetric) spend("metric-samples", limit, `${runId}|${metric}`, count, now);
}
