"use client";
// Admins only: who holds each run position, and handing one to someone else (logged on the timeline).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ROLE_LABELS, type TRole } from "@/lib/domain/roles";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import { positionLabel } from "@/lib/domain/run-roles";
import { RUN_ROLE_KINDS, type TRunRoleKind } from "@/lib/domain/run-roles";
import type { TSend } from "./look";

export type TAssignableUser = { id: string; name: string; role: TRole };

export function PositionHolders({ snapshot, users, send }: { snapshot: Pick<TRunSnapshot, "roles">; users: TAssignableUser[]; send: TSend }) {
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  // Viewers cannot tick or vote, so they cannot hold a position.
  const eligible = users.filter((u) => u.role !== "viewer");

  async function reassign(role: TRunRoleKind) {
    const userId = choice[role];
    if (!userId) return;
    setIsBusy(true);
    const reply = await send("run:reassign-role", { role, userId });
    setIsBusy(false);
    if ("error" in reply) return setMessage({ text: reply.error.message, isError: true });
    setMessage({ text: `${positionLabel(role)} reassigned.`, isError: false });
    setChoice((c) => ({ ...c, [role]: "" }));
  }

  return (
    <section aria-labelledby="positions-heading" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="position-holders">
      <h2 id="positions-heading" className="text-lg font-bold text-slate-900">Positions</h2>
      <p className="text-sm text-slate-700">As an admin you can hand a position to someone else; it is logged.</p>
      <ul className="mt-2 space-y-3">
        {RUN_ROLE_KINDS.map((role) => {
          const holder = snapshot.roles.find((r) => r.role === role);
          const id = `reassign-${role}`;
          return (
            <li key={role} className="text-sm">
              <p>
                <span className="font-semibold text-slate-900">{positionLabel(role)}</span>{" "}
                <span className="text-slate-800">{holder?.userName ?? "— nobody"}</span>
              </p>
              <div className="mt-1 flex gap-2">
                <label htmlFor={id} className="sr-only">New holder for {positionLabel(role)}</label>
                <select
                  id={id}
                  value={choice[role] ?? ""}
                  onChange={(e) => setChoice((c) => ({ ...c, [role]: e.target.value }))}
                  className="min-w-0 flex-1 rounded border border-slate-300 px-1 py-1"
                >
                  <option value="">Reassign to…</option>
                  {eligible
                    .filter((u) => u.id !== holder?.userId)
                    .map((u) => (
                      <option key={u.id} value={u.id}>{u.name} · {ROLE_LABELS[u.role]}</option>
                    ))}
                </select>
                <Button variant="secondary" className="!px-2 !py-1" disabled={isBusy || !choice[role]} onClick={() => reassign(role)} aria-label={`Reassign ${positionLabel(role)}`}>
                  Reassign
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
      {message && (
        <p role={message.isError ? "alert" : "status"} className={`mt-2 text-sm ${message.isError ? "text-red-800" : "text-emerald-800"}`}>
          {message.text}
        </p>
      )}
    </section>
  );
}
