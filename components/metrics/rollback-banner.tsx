"use client";
// ROLLBACK RECOMMENDED in the war room: the trigger and its value, who raised and acknowledged it,
// and for leads the acknowledgement and the decision (roll back / continue, with a reason).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { type TRunMetrics } from "@/lib/domain/metric-events";
import { describeRecommendationValue, recommendationsToDecide, type TRecommendation } from "@/lib/domain/metric-recommendations";
import { canRollBack, type TRunStatus } from "@/lib/domain/run-status";
import { formatUtcMinute } from "@/lib/domain/time-format";
import type { TSend } from "./manual-triggers";
import { UserText } from "@/components/ui/user-text";
import { RollBackButton } from "@/components/runs/roll-back";

type TBannerProps = { runName: string; metrics: TRunMetrics; status: TRunStatus; canControl: boolean; send: TSend };

export function RollbackBanner({ runName, metrics, status, canControl, send }: TBannerProps) {
  const open = recommendationsToDecide(metrics, status);
  if (open.length === 0) return null;
  return (
    <div className="mt-2 space-y-2">
      {open.map((r) => (
        <Recommendation key={r.alert.id} runName={runName} recommendation={r} canControl={canControl} isDeployed={canRollBack(status)} send={send} />
      ))}
    </div>
  );
}

type TRecommendationProps = { runName: string; recommendation: TRecommendation; canControl: boolean; isDeployed: boolean; send: TSend };

function Recommendation({ runName, recommendation, canControl, isDeployed, send }: TRecommendationProps) {
  const { alert, isActive } = recommendation;
  const [deciding, setDeciding] = useState<"continue" | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const value = describeRecommendationValue(recommendation);

  async function run(name: "rollback:acknowledge" | "rollback:decide", input: Record<string, unknown>) {
    setIsBusy(true);
    setError(null);
    const reply = await send(name, { alertId: alert.id, ...input });
    setIsBusy(false);
    if ("error" in reply) setError(reply.error.message);
    else setDeciding(null);
  }

  return (
    <section
      role="alert"
      aria-label={isActive ? "Rollback recommended" : "Rollback trigger fired"}
      data-testid="rollback-banner"
      data-active={isActive ? "true" : "false"}
      className={`rounded-md border-2 px-4 py-3 ${isActive ? "border-red-800 bg-red-700 text-white" : "border-amber-500 bg-amber-50 text-amber-950"}`}
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <p className="text-xl font-black tracking-tight">
          <span aria-hidden="true">⟲ </span>
          {isActive ? "ROLLBACK RECOMMENDED" : "Rollback trigger fired (now resolved)"}
        </p>
        <p className="text-lg font-semibold" data-testid="rollback-trigger">
          <UserText>{alert.label}</UserText>
          {value && <span className="ml-2 font-mono" data-testid="rollback-value">{value}</span>}
        </p>
        {canControl && (
          <div className="ml-auto flex flex-wrap gap-2">
            {!alert.acknowledgedAt && (
              <Button variant="secondary" disabled={isBusy} onClick={() => void run("rollback:acknowledge", {})}>Acknowledge</Button>
            )}
            {/* The same action, words and confirmation as the header's: here it also answers this recommendation.
                Before production there is nothing to roll back: the header's Abort… is the way out. */}
            {isDeployed && <RollBackButton
              runName={runName}
              variant={isActive ? "secondary" : "danger"}
              className={isActive ? "border-white" : ""}
              disabled={isBusy}
              issue={`${alert.label}${value ? ` (${value})` : ""}`}
              onRollBack={async (reason) => {
                const reply = await send("rollback:decide", { alertId: alert.id, decision: "rollback", reason });
                return "error" in reply ? reply.error.message : null;
              }}
            />}
            <Button variant="secondary" disabled={isBusy} onClick={() => setDeciding("continue")}>Continue…</Button>
          </div>
        )}
      </div>
      <p className={`mt-1 text-sm ${isActive ? "text-red-50" : "text-amber-900"}`}>
        Raised {formatUtcMinute(alert.raisedAt)} by <UserText>{alert.raisedByName}</UserText>
        {alert.acknowledgedAt ? ` · acknowledged by ${alert.acknowledgedByName} at ${formatUtcMinute(alert.acknowledgedAt)}` : " · not acknowledged yet"}
      </p>
      {canControl && !isDeployed && (
        <p className={`mt-1 text-sm font-semibold ${isActive ? "text-white" : "text-amber-950"}`} data-testid="rollback-before-production">
          Nothing is in production yet, so there is nothing to roll back: stop here with Abort… (or Reschedule…) at the top, or Continue… with a reason.
        </p>
      )}
      {deciding && (
        <form
          className="mt-2 flex flex-wrap gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run("rollback:decide", { decision: deciding, reason: reason.trim() });
          }}
        >
          <label htmlFor={`decision-${alert.id}`} className="sr-only">Why continue</label>
          <input
            id={`decision-${alert.id}`}
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Why continue despite the trigger? (required)"
            className="min-w-72 flex-1 rounded-md border border-slate-400 bg-white px-2 py-1 text-sm text-slate-900"
          />
          <Button type="submit" variant="primary" disabled={!reason.trim() || isBusy}>
            Confirm: continue
          </Button>
          <Button type="button" variant="ghost" className={isActive ? "text-white hover:bg-red-800" : ""} onClick={() => setDeciding(null)}>Cancel</Button>
        </form>
      )}
      {error && <p className="mt-1 rounded bg-white px-2 py-1 text-sm text-red-800">⚠ {error}</p>}
    </section>
  );
}
