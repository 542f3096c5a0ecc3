import { describe, expect, it } from "vitest";
import { mapExposition, parseExposition, parseLabels, parseMapping } from "./prometheus-exposition";

const NOW = Date.UTC(2026, 11, 5, 14, 0, 0);

const TEXT = `# HELP error_rate Errors per request, percent
# TYPE error_rate gauge
error_rate{stage="canary"} 0.4
error_rate{stage="production"} 0.1 1764943200000
# TYPE http_request_duration_seconds summary
http_request_duration_seconds{quantile="0.5"} 0.12
http_request_duration_seconds{quantile="0.95"} 0.41
http_request_duration_seconds_count 1200
warroom_checkout_failures{stage="canary"} 3
process_cpu_seconds_total 12.5
node_load1 NaN
memory{pod="a",note="say \\"hi\\""} 55
memory{pod="b"} 60
`;

describe("parseExposition", () => {
  it("reads names, labels (with escapes), values and timestamps, skipping comments", () => {
    const series = parseExposition(TEXT);
    expect(series).toHaveLength(10);
    expect(series[1]).toEqual({ name: "error_rate", labels: { stage: "production" }, value: 0.1, timestampMs: 1764943200000 });
    expect(series[8].labels).toEqual({ pod: "a", note: 'say "hi"' });
    expect(Number.isNaN(series[7].value)).toBe(true);
  });

  it("names a malformed line", () => {
    expect(() => parseExposition("error_rate 1\nthis is not { a sample\n")).toThrow("line 2 is not a Prometheus sample");
    expect(parseLabels('a="1", b="2"')).toEqual({ a: "1", b: "2" });
    expect(parseLabels("a=1")).toBeNull();
  });
});

describe("mapExposition: the documented mapping", () => {
  const mappings = [parseMapping('http_request_duration_seconds{quantile="0.95"}=response_time_p95')];
  const { samples, skipped, clashes } = mapExposition(parseExposition(TEXT), { mappings, now: NOW, stage: "canary" });

  it("maps built-in names, warroom_ names and explicit maps; stage from the label, else --stage; units from the suffix", () => {
    expect(samples).toEqual([
      { metric: "error_rate", value: 0.4, timestamp: NOW, stage: "canary" },
      { metric: "error_rate", value: 0.1, timestamp: 1764943200000, stage: "production" },
      { metric: "response_time_p95", value: 0.41, timestamp: NOW, stage: "canary", unit: "s" },
      { metric: "checkout_failures", value: 3, timestamp: NOW, stage: "canary" },
      { metric: "memory", value: 55, timestamp: NOW, stage: "canary" },
    ]);
  });

  it("skips what maps to nothing or is not a number, and counts clashes on one metric and stage", () => {
    expect(skipped).toEqual(['http_request_duration_seconds{quantile="0.5"}', "http_request_duration_seconds_count", "process_cpu_seconds_total", "node_load1"]);
    expect(clashes).toEqual(['memory{pod="b"}']);
  });

  it("refuses a map it cannot read", () => {
    expect(() => parseMapping("latency=")).toThrow("--map latency=");
    expect(parseMapping("latency_ms=response_time_avg")).toEqual({ name: "latency_ms", labels: {}, metric: "response_time_avg" });
  });
});
