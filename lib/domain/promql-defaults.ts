// A PromQL template for each built-in metric, on the conventions most services already follow
// (Prometheus client libraries' http_requests_total / http_request_duration_seconds, process_*
// metrics, cAdvisor for memory). Each returns one value per stage in the metric's own unit (see
// metric-catalog.ts): percentages as 0–100, durations in milliseconds, counts as whole numbers.
// They are starting points: the template editor and each run can change them.

/** The matchers every default query selects a service's stage with. */
const SELECTOR = 'service="{{service}}",{{stageLabel}}';

export type TDefaultPromql = { metric: string; query: string; note: string };

export const DEFAULT_PROMQL = [
  {
    metric: "error_rate",
    query: `100 * sum(rate(http_requests_total{${SELECTOR},status=~"5.."}[{{window}}])) / sum(rate(http_requests_total{${SELECTOR}}[{{window}}]))`,
    note: "Share of requests answered 5xx, in percent. No requests in the window gives no data (0/0), not 0%.",
  },
  {
    metric: "response_time_avg",
    query: `1000 * sum(rate(http_request_duration_seconds_sum{${SELECTOR}}[{{window}}])) / sum(rate(http_request_duration_seconds_count{${SELECTOR}}[{{window}}]))`,
    note: "Mean request duration over the window, in milliseconds.",
  },
  {
    metric: "response_time_p95",
    query: `1000 * histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${SELECTOR}}[{{window}}])))`,
    note: "95th percentile from the duration histogram's buckets, in milliseconds (as precise as the buckets).",
  },
  {
    metric: "db_query_time",
    query: `1000 * sum(rate(db_query_duration_seconds_sum{${SELECTOR}}[{{window}}])) / sum(rate(db_query_duration_seconds_count{${SELECTOR}}[{{window}}]))`,
    note: "Mean database query duration, in milliseconds.",
  },
  {
    metric: "db_connection_failures",
    // increase() extrapolates to the window's edges and returns fractions; the metric is a count.
    query: `round(sum(increase(db_connection_errors_total{${SELECTOR}}[{{window}}])))`,
    note: "Failed database connections during the window.",
  },
  {
    metric: "cpu",
    query: `100 * avg(rate(process_cpu_seconds_total{${SELECTOR}}[{{window}}]))`,
    note: "CPU of one core per instance, averaged over instances, in percent.",
  },
  {
    metric: "memory",
    query: `100 * max(container_memory_working_set_bytes{${SELECTOR}} / container_spec_memory_limit_bytes{${SELECTOR}})`,
    note: "Working set of the fullest container against its memory limit, in percent (needs a limit set).",
  },
] as const satisfies readonly TDefaultPromql[];

export function defaultPromql(metric: string): TDefaultPromql | undefined {
  return DEFAULT_PROMQL.find((d) => d.metric === metric);
}
