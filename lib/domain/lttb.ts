// Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013) for the metric charts: keeps the
// first and last points and, per bucket, the point forming the largest triangle with its
// neighbours, so spikes survive. On top of LTTB, the series' minimum and maximum are always kept:
// a 9% error spike must not vanish from the chart because a bucket chose its neighbour.

/** [time (epoch ms), value], ascending by time. */
export type TPoint = readonly [number, number];

export function lttb(points: readonly TPoint[], threshold: number): TPoint[] {
  const target = Math.max(3, Math.floor(threshold));
  if (points.length <= target) return points.slice();
  for (let buckets = target; buckets >= 3; buckets--) {
    const indices = withExtremes(points, lttbIndices(points, buckets), buckets);
    if (indices.length <= target) return indices.map((i) => points[i]);
  }
  return [points[0], points[points.length - 1]];
}

/** Indices chosen by plain LTTB: first, one per bucket, last. */
function lttbIndices(points: readonly TPoint[], threshold: number): number[] {
  const n = points.length;
  const every = (n - 2) / (threshold - 2);
  const chosen = [0];
  let a = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    // The average of the next bucket is the third corner of every triangle in this one.
    const nextStart = Math.floor((bucket + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      avgX += points[i][0];
      avgY += points[i][1];
    }
    const count = Math.max(1, nextEnd - nextStart);
    avgX /= count;
    avgY /= count;

    const start = Math.floor(bucket * every) + 1;
    const end = Math.floor((bucket + 1) * every) + 1;
    const [ax, ay] = points[a];
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((ax - avgX) * (points[i][1] - ay) - (ax - points[i][0]) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    chosen.push(best);
    a = best;
  }
  chosen.push(n - 1);
  return chosen;
}

/** Puts the minimum and maximum in place of their bucket's pick (or beside it when both share one). */
function withExtremes(points: readonly TPoint[], chosen: number[], threshold: number): number[] {
  const n = points.length;
  let min = 0;
  let max = 0;
  for (let i = 1; i < n; i++) {
    if (points[i][1] < points[min][1]) min = i;
    if (points[i][1] > points[max][1]) max = i;
  }
  const every = (n - 2) / (threshold - 2);
  const result = chosen.slice();
  const extremes = new Set([min, max]);
  const extra: number[] = [];
  for (const extreme of extremes) {
    if (result.includes(extreme)) continue;
    const slot = Math.min(threshold - 2, Math.floor((extreme - 1) / every)) + 1;
    if (extremes.has(result[slot])) extra.push(extreme);
    else result[slot] = extreme;
  }
  // Bucket edges are floored, so an extreme near one may land beside its bucket: sort to keep time order.
  return [...new Set([...result, ...extra])].sort((x, y) => x - y);
}
