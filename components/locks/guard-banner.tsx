"use client";
// LOCKED / FROZEN in the war room and on the bridge: what holds the run's service now (a lock, a
// freeze window), so nobody deploys past it by accident; in the war room, a lead or admin may let
// this one run through with a written reason (logged on the timeline; the gate then says so).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { UserText } from "@/components/ui/user-text";
import { runGuardLines } from "@/lib/domain/guard-events";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import type { TSend } from "@/components/metrics/manual-triggers";
import { GuardIcon } from "./guard-icon";


function headline(lines: ReturnType<typeof runGuardLines>): string {
  const sources = new Set(lines.filter((l) => !l.isOverridden).map((l) => l.source));
  if (sources.size === 0) return "OVERRIDDEN FOR THIS RUN";
  return [sources.has("lock") && "LOCKED", sources.has("freeze") && "FROZEN"].filter(Boolean).join(" · ");
}

export function GuardBanner({ snapshot, now, canOverride, send }: { snapshot: TRunSnapshot; now: Date; canOverride: boolean; send: TSend }) {
  const lines = runGuardLines(snapshot.service, snapshot.guards, now.getTime());
  const [isOpen, setIsOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  if (lines.length === 0) return null;
  const isHeld = lines.some((l) => !l.isOverridden);
  const override = snapshot.guards?.override;

  async function submit() {
    setIsBusy(true);
    setError(null);
    const reply = await send("guard:override", { reason: reason.trim() });
    setIsBusy(false);
    if ("error" in reply) setError(reply.error.message);
    else setIsOpen(false);
  }

  return (
    <section
      role="status"
      aria-label={isHeld ? "Deployment held by a lock or freeze" : "Lock or freeze overridden for this run"}
      data-testid="guard-banner"
      data-held={isHeld ? "true" : "false"}
      className={`mt-2 rounded-md border-2 px-4 py-3 ${isHeld ? "border-sky-900 bg-sky-900 text-white" : "border-sky-700 bg-sky-50 text-sky-950"}`}
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <p className="text-xl font-black tracking-tight">{headline(lines)}</p>
        <ul className="min-w-0 flex-1 space-y-1 text-sm font-semibold">
          {lines.map((line) => (
            <li key={line.message} data-testid="guard-line" className={line.isOverridden ? "line-through decoration-2 opacity-80" : ""}>
              <GuardIcon source={line.source} /> <UserText>{line.message}</UserText>
            </li>
          ))}
        </ul>
        {canOverride && isHeld && !isOpen && (
          <Button variant="secondary" className="ml-auto" onClick={() => setIsOpen(true)}>Override for this run…</Button>
        )}
      </div>
      {override && !isHeld && (
        <p className="mt-1 text-sm" data-testid="guard-override">
          Overridden for this run by <UserText>{override.byName}</UserText>: “<UserText>{override.reason}</UserText>”
        </p>
      )}
      {isOpen && (
        <form
          className="mt-2 flex flex-wrap gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor="guard-override-reason" className="sr-only">Why this run may deploy anyway</label>
          <input
            id="guard-override-reason"
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Why may this run deploy anyway? (required, on the timeline)"
            className="min-w-72 flex-1 rounded-md border border-slate-400 bg-white px-2 py-1 text-sm text-slate-900"
          />
          <Button type="submit" variant="danger" disabled={reason.trim().length < 10 || isBusy}>Confirm override</Button>
          <Button type="button" variant="ghost" className="text-white hover:bg-sky-800" onClick={() => setIsOpen(false)}>Cancel</Button>
        </form>
      )}
      {error && <p className="mt-1 rounded bg-white px-2 py-1 text-sm text-red-800">⚠ {error}</p>}
    </section>
  );
}

/** The bridge's version: large, read-only. */
export function BridgeGuardBanner({ snapshot, now }: { snapshot: TRunSnapshot; now: Date }) {
  const lines = runGuardLines(snapshot.service, snapshot.guards, now.getTime());
  if (lines.length === 0) return null;
  const isHeld = lines.some((l) => !l.isOverridden);
  return (
    <section aria-label="Locks and freezes" data-testid="bridge-guard-banner" className={`rounded-xl px-6 py-4 ${isHeld ? "bg-sky-800" : "bg-slate-800"}`}>
      <p className="text-4xl font-black tracking-tight">{headline(lines)}</p>
      <ul className="mt-2 space-y-1 text-2xl">
        {lines.map((line) => (
          <li key={line.message} className={`truncate ${line.isOverridden ? "line-through opacity-70" : ""}`}>
            <GuardIcon source={line.source} /> <UserText>{line.message}</UserText>
          </li>
        ))}
      </ul>
      {!isHeld && snapshot.guards?.override && (
        <p className="mt-1 truncate text-xl text-slate-200">Overridden by <UserText>{snapshot.guards.override.byName}</UserText>: <UserText>{snapshot.guards.override.reason}</UserText></p>
      )}
    </section>
  );
}
