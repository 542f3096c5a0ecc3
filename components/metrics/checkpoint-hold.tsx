// Why a rollout step's countdown is not running, in words with ages that tick: "error_rate: no
// sample for 3:12 — is the monitoring feed running?". The server holds the checkpoint (no start
// time); the reasons are recomputed here every second from the rules' verdicts, so the age is live.
import { runCheckpointGate } from "@/lib/domain/rule-semantics";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";

type THoldInput = Pick<TRunSnapshot, "status" | "rolloutPercent" | "checkpointStartedAt" | "metrics">;

/** The reasons the metrics hold the rollout checkpoint at `now`, or null when it is not held. */
export function checkpointHold(snapshot: THoldInput, now: Date): string[] | null {
  if (snapshot.status !== "production" || snapshot.rolloutPercent === 0 || snapshot.checkpointStartedAt) return null;
  const gate = runCheckpointGate(snapshot, 0, now.getTime());
  if (!gate) return null;
  // Held on the server, green here: the monitor restarts the countdown at its next evaluation.
  return gate.kind === "held" ? gate.reasons : ["metrics verified again: the countdown restarts at the next evaluation"];
}

export function CheckpointHold({ reasons: all, tone }: { reasons: string[]; tone: "light" | "dark" }) {
  // Two rules on one silent metric give the same sentence: say it once.
  const reasons = [...new Set(all)];
  const more = reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : "";
  return tone === "light" ? (
    <div className="mt-2 rounded border-l-4 border-amber-500 bg-amber-50 px-3 py-2 text-amber-950" data-testid="checkpoint-held">
      <p className="text-sm font-bold">‖ Checkpoint held — the countdown starts when every gating rule is ok with fresh data</p>
      <ul className="mt-1 list-disc pl-5 text-sm tabular-nums" data-testid="checkpoint-held-reasons">
        {reasons.map((reason) => (
          <li key={reason.replace(/\d+:\d+/g, "")}>{reason}</li>
        ))}
      </ul>
    </div>
  ) : (
    <div data-testid="bridge-checkpoint-held">
      <p className="text-3xl font-semibold text-amber-300">‖ Checkpoint held</p>
      <p className="truncate text-2xl text-slate-200 tabular-nums" data-testid="bridge-checkpoint-held-reason">
        {reasons[0]}
        {more}
      </p>
    </div>
  );
}
