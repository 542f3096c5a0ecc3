"use client";
// The runs list with its 🔒 Locked / ❄ Frozen badges kept live: a lock taken or released, or a freeze
// saved or removed, shows on an open list without a reload.
import { useLiveGuards } from "@/lib/realtime/client/use-live-guards";
import { RunsList, type TRunListRow, type TRunsGuards } from "./runs-list";

export function LiveRunsList({ runs, guards, empty }: { runs: TRunListRow[]; guards: TRunsGuards; empty?: string }) {
  return <RunsList runs={runs} guards={useLiveGuards(guards)} empty={empty} />;
}
