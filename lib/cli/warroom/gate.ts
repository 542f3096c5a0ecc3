// `warroom gate`: the run's gate once, or with --wait long-polled (30 s at a time, `while=wait`) until
// it decides or the timeout is up. Exit codes: 0 go, 1 no_go, 2 rollback, 3 still waiting, 4 error.
import { formatDurationShort } from "../../domain/duration";
import type { TClient } from "./client";

export const GATE_EXIT_CODES = { go: 0, no_go: 1, rollback: 2, wait: 3 } as const;
export type TCliGateDecision = keyof typeof GATE_EXIT_CODES;

export type TCliGate = { decision: TCliGateDecision; reasons: { source: string; decision: string; message: string }[]; status: string; rolloutPercent: number };

/** One long-poll at most this long (the server allows 60 s; proxies often cut idle requests sooner). */
const POLL_MS = 30_000;

export function describeGate(gate: TCliGate): string[] {
  return [`${gate.decision.toUpperCase()} (run ${gate.status}, rollout ${gate.rolloutPercent}%)`, ...gate.reasons.map((r) => `  ${r.decision.padEnd(8)} ${r.source.padEnd(10)} ${r.message}`)];
}

export async function readGate(
  client: TClient,
  options: { run: string; stage?: string; step?: number; waitMs?: number; now?: () => number; onWaiting?: (gate: TCliGate) => void },
): Promise<TCliGate> {
  const now = options.now ?? Date.now;
  const path = `/api/v1/runs/${encodeURIComponent(options.run)}/gate`;
  const base = { stage: options.stage, step: options.step };
  if (!options.waitMs) return client.call<TCliGate>({ path, query: base });
  const deadline = now() + options.waitMs;
  let gate = await client.call<TCliGate>({ path, query: base });
  let shown = "";
  while (gate.decision === "wait") {
    const remaining = deadline - now();
    if (remaining <= 0) break;
    const said = gate.reasons.filter((r) => r.decision === "wait").map((r) => r.message).join(" | ");
    if (said !== shown) options.onWaiting?.(gate);
    shown = said;
    const wait = formatDurationShort(Math.max(1_000, Math.min(POLL_MS, remaining)));
    gate = await client.call<TCliGate>({ path, query: { ...base, wait, while: "wait" } });
  }
  return gate;
}
