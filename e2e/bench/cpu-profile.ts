// Where a server's CPU time went, from a V8 .cpuprofile (node --cpu-prof): self time per node summed
// by what the code belongs to (Prisma, pg, Socket.IO and ws, Next, Warroom's own code, Node's
// internals, GC), so the tail profile can say which layer the commit → broadcast path spends on.

export type TCpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string }; hitCount?: number }[];
  samples: number[];
  timeDeltas: number[];
};

export type TCpuShare = { layer: string; ms: number; share: number };

const LAYERS: [string, RegExp][] = [
  ["Prisma (query compiler, client, adapter)", /node_modules\/(@prisma|\.prisma)|lib\/generated\//],
  ["pg (driver, protocol)", /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-)/],
  ["Socket.IO, engine.io, ws (encode, frames)", /node_modules\/(socket\.io|engine\.io|ws|@socket\.io)/],
  ["Next.js", /node_modules\/next\/|\.next\//],
  ["zod", /node_modules\/zod/],
  ["prom-client, pino", /node_modules\/(prom-client|pino)/],
  ["Warroom (dist/lib, server.ts)", /\/dist\//],
  ["other packages", /node_modules\//],
];

export function layerOf(frame: { functionName: string; url: string }): string {
  if (frame.functionName === "(idle)") return "idle";
  if (frame.functionName === "(garbage collector)") return "GC";
  if (frame.functionName === "(program)") return "(program: native, not attributed)";
  for (const [layer, pattern] of LAYERS) if (pattern.test(frame.url)) return layer;
  return frame.url.startsWith("node:") || frame.url === "" ? "Node internals (net, streams, timers, JSON)" : "other";
}

/** Self time by layer, busiest first; shares are of the busy (non-idle) time. */
export function cpuByLayer(profile: TCpuProfile): { busyMs: number; idleMs: number; layers: TCpuShare[] } {
  const layerOfNode = new Map(profile.nodes.map((node) => [node.id, layerOf(node.callFrame)]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const layer = layerOfNode.get(id) ?? "other";
    totals.set(layer, (totals.get(layer) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const idleMs = totals.get("idle") ?? 0;
  totals.delete("idle");
  const busyMs = [...totals.values()].reduce((sum, v) => sum + v, 0);
  const layers = [...totals].map(([layer, ms]) => ({ layer, ms, share: busyMs ? ms / busyMs : 0 })).sort((a, b) => b.ms - a.ms);
  return { busyMs, idleMs, layers };
}

/** The busiest functions by self time (idle and GC left out), with where they are. */
export function topFunctions(profile: TCpuProfile, count: number): { name: string; ms: number }[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id);
    if (!frame || frame.functionName === "(idle)") return;
    const where = frame.url.replace(/^.*node_modules\//, "").replace(/^.*\/dist\//, "dist/");
    const name = `${frame.functionName || "(anonymous)"} ${where}`.trim();
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms).slice(0, count);
}

/** The profile's last `windowMs` only (a server's start-up left out: the measurement ends just before it exits). */
export function lastWindow(profile: TCpuProfile, windowMs: number): TCpuProfile {
  const total = profile.timeDeltas.reduce((sum, d) => sum + d, 0);
  let at = 0;
  const keep = profile.timeDeltas.map((delta) => ((at += delta), at >= total - windowMs * 1000));
  return { ...profile, samples: profile.samples.filter((_, i) => keep[i]), timeDeltas: profile.timeDeltas.filter((_, i) => keep[i]) };
}
