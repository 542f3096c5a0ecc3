"use client";
// Who is in the room now: each role holder present or away (the runbook's "all team members
// present/online" check), then everyone else connected, then how many bridge screens are watching.
import { rollCall, type TPresentUser } from "@/lib/domain/presence";
import { ROLE_LABELS } from "@/lib/domain/roles";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import { RUN_ROLE_LABELS, type TRunRoleKind } from "@/lib/runs/schemas";
import { UserText } from "@/components/ui/user-text";

type TProps = { snapshot: Pick<TRunSnapshot, "roles">; present: TPresentUser[]; isConnected: boolean };

export function PresencePanel({ snapshot, present, isConnected }: TProps) {
  const holders = rollCall(snapshot.roles, present);
  const holderIds = new Set(snapshot.roles.map((r) => r.userId));
  const others = present.filter((p) => !holderIds.has(p.userId) && p.views.includes("war_room"));
  const screens = present.filter((p) => p.views.includes("bridge")).length;
  const here = holders.filter((h) => h.isPresent).length;
  return (
    <section aria-labelledby="presence-heading" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="presence">
      <h2 id="presence-heading" className="text-lg font-bold text-slate-900">
        In the room
        {holders.length > 0 && isConnected && (
          <span className={`ml-2 text-sm font-semibold ${here === holders.length ? "text-emerald-800" : "text-amber-800"}`}>
            {here} of {holders.length} roles present
          </span>
        )}
      </h2>
      {!isConnected ? (
        <p className="mt-2 text-sm text-slate-700">Reconnecting: who is here is unknown for now.</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm">
          {holders.map((h) => (
            <li key={h.role} data-testid="presence-role" data-present={h.isPresent} className="flex items-center gap-2">
              <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${h.isPresent ? "bg-emerald-600" : "border-2 border-slate-400"}`} />
              <span className="font-semibold text-slate-900">{RUN_ROLE_LABELS[h.role as TRunRoleKind] ?? h.role}</span>
              <span className="text-slate-800"><UserText>{h.userName}</UserText></span>
              <span className={`ml-auto ${h.isPresent ? "text-emerald-800" : "text-slate-600"}`}>{h.isPresent ? "here" : "away"}</span>
            </li>
          ))}
          {others.map((p) => (
            <li key={p.userId} data-testid="presence-other" className="flex items-center gap-2">
              <span aria-hidden="true" className="h-2.5 w-2.5 rounded-full bg-emerald-600" />
              <span className="text-slate-800"><UserText>{p.name}</UserText></span>
              <span className="ml-auto text-slate-600">{ROLE_LABELS[p.role]}</span>
            </li>
          ))}
          {screens > 0 && (
            <li className="pt-1 text-slate-700" data-testid="presence-screens">
              {screens} bridge {screens === 1 ? "screen" : "screens"} watching
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
