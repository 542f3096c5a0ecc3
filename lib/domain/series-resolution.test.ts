import { describe, expect, it } from "vitest";
import { MAX_BUCKETS, MAX_RAW_SAMPLES, seriesSource } from "./series-resolution";

describe("where a chart series is read from", () => {
  it("reads a short series sample by sample, up to and including the limit", () => {
    expect(seriesSource({ samples: 0, buckets: {} })).toBe("samples");
    expect(seriesSource({ samples: MAX_RAW_SAMPLES, buckets: { 10: 5_000, 60: 900 } })).toBe("samples");
  });

  it("reads a longer series from the finest buckets that number at most MAX_BUCKETS", () => {
    // 2 hours of one sample per second: 720 ten-second buckets.
    expect(seriesSource({ samples: 7_200, buckets: { 10: 720, 60: 120 } })).toBe(10);
    expect(seriesSource({ samples: 7_200, buckets: { 10: MAX_BUCKETS, 60: 167 } })).toBe(10);
    // 8 hours: 2,880 ten-second buckets, 480 minutes.
    expect(seriesSource({ samples: 28_800, buckets: { 10: 2_880, 60: 480 } })).toBe(60);
  });

  it("falls back to the coarsest buckets for a series longer than every resolution", () => {
    expect(seriesSource({ samples: 200_000, buckets: { 10: 9_000, 60: 1_500 } })).toBe(60);
  });
});
