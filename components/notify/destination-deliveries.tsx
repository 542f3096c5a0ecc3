"use client";
// A destination's latest deliveries for leads and admins: sending, delivered, or failed with its
// classified reason (never what the receiver answered), each failed one resendable; and the
// "Send test message" button with the exact outcome.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { UserText } from "@/components/ui/user-text";
import { TRIGGER_LABELS, type TNotifyTrigger } from "@/lib/domain/notify/kinds";
import { formatUtcMinute } from "@/lib/domain/time-format";
import type { TDestinationDelivery, TTestOutcome } from "@/lib/notify/destinations";

type TResult<T> = { ok: true; data: T } | { ok: false; error: string };

const LOOK: Record<TDestinationDelivery["status"], { icon: string; word: string; className: string }> = {
  pending: { icon: "…", word: "sending", className: "text-slate-800" },
  delivered: { icon: "✓", word: "delivered", className: "text-emerald-800" },
  failed: { icon: "✗", word: "failed", className: "text-red-800" },
};

export function DeliveryList({ deliveries, showRun, onResend }: { deliveries: TDestinationDelivery[]; showRun: boolean; onResend: (id: string) => Promise<TResult<void>> }) {
  const [error, setError] = useState<string | null>(null);
  if (deliveries.length === 0) return <p className="text-xs text-slate-600">Nothing sent yet.</p>;
  return (
    <>
      <ul className="space-y-0.5" aria-label="Recent deliveries">
        {deliveries.map((d) => {
          const look = LOOK[d.status];
          return (
            <li key={d.id} className={`flex flex-wrap items-baseline gap-x-1.5 text-xs ${look.className}`} data-testid="destination-delivery" data-status={d.status}>
              <span aria-hidden="true">{look.icon}</span>
              <span className="font-semibold">{TRIGGER_LABELS[d.trigger as TNotifyTrigger] ?? "Announcement posted"}</span>
              {showRun && <span className="text-slate-700">· <UserText>{d.runName}</UserText></span>}
              <span>· {look.word}{d.attempts > 1 || d.status === "failed" ? ` after ${d.attempts} ${d.attempts === 1 ? "try" : "tries"}` : ""}</span>
              <span className="text-slate-600">· {formatUtcMinute(d.deliveredAt ?? d.lastAttemptAt ?? d.queuedAt)}</span>
              {d.reason && <span className="basis-full pl-4">{d.reason}</span>}
              {d.status === "failed" && (
                <Button
                  variant="ghost"
                  className="!px-1.5 !py-0 text-xs"
                  onClick={async () => {
                    setError(null);
                    const result = await onResend(d.id);
                    if (!result.ok) setError(result.error);
                  }}
                >
                  Resend
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {error && <p role="alert" className="text-xs text-red-800">⚠ {error}</p>}
    </>
  );
}

/** "Send test message", then what happened, word for word. */
export function TestButton({ onTest }: { onTest: () => Promise<TResult<TTestOutcome>> }) {
  const [outcome, setOutcome] = useState<{ isDelivered: boolean; message: string } | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  return (
    <>
      <Button
        variant="ghost"
        className="!px-2 !py-0.5 text-xs"
        disabled={isBusy}
        onClick={async () => {
          setIsBusy(true);
          const result = await onTest();
          setIsBusy(false);
          setOutcome(result.ok ? result.data : { isDelivered: false, message: result.error });
        }}
      >
        {isBusy ? "Sending…" : "Send test message"}
      </Button>
      {outcome && (
        <p role="status" data-testid="test-outcome" className={`basis-full text-xs ${outcome.isDelivered ? "text-emerald-800" : "text-red-800"}`}>
          {outcome.isDelivered ? "✓ " : "✗ "}
          {outcome.message}
        </p>
      )}
    </>
  );
}
