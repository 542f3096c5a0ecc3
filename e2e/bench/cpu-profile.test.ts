import { describe, expect, it } from "vitest";
import { cpuByLayer, lastWindow, layerOf, topFunctions, type TCpuProfile } from "./cpu-profile";

const profile: TCpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: "(idle)", url: "" } },
    { id: 2, callFrame: { functionName: "compile", url: "file:///w/node_modules/@prisma/client/runtime/client.js" } },
    { id: 3, callFrame: { functionName: "encode", url: "file:///w/node_modules/socket.io-parser/build/cjs/index.js" } },
    { id: 4, callFrame: { functionName: "runCommandOnce", url: "file:///w/dist/lib/timeline/command.js" } },
  ],
  samples: [1, 2, 2, 3, 4, 1],
  timeDeltas: [5000, 1000, 1000, 2000, 4000, 5000],
};

describe("cpu profile layers", () => {
  it("sums self time by layer, idle apart, shares of the busy time", () => {
    const { busyMs, idleMs, layers } = cpuByLayer(profile);
    expect(idleMs).toBe(10);
    expect(busyMs).toBe(8);
    expect(layers.map((l) => [l.layer, l.ms])).toEqual([
      ["Warroom (dist/lib, server.ts)", 4],
      ["Prisma (query compiler, client, adapter)", 2],
      ["Socket.IO, engine.io, ws (encode, frames)", 2],
    ]);
    expect(layers[0].share).toBe(0.5);
  });

  it("names Node's own code and GC apart from packages", () => {
    expect(layerOf({ functionName: "writeGeneric", url: "node:internal/stream_base_commons" })).toMatch(/Node internals/);
    expect(layerOf({ functionName: "(garbage collector)", url: "" })).toBe("GC");
  });

  it("lists the busiest functions without idle", () => {
    expect(topFunctions(profile, 2)).toEqual([
      { name: "runCommandOnce dist/lib/timeline/command.js", ms: 4 },
      { name: "compile @prisma/client/runtime/client.js", ms: 2 },
    ]);
  });

  it("keeps only the last window of samples", () => {
    const tail = lastWindow(profile, 10);
    expect(tail.samples).toEqual([3, 4, 1]);
    expect(cpuByLayer(tail).busyMs).toBe(6);
  });
});
