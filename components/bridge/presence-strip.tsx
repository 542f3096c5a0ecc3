// Who holds each role and whether they are in the room, big enough to read from the back.
import { rollCall, type TPresentUser } from "@/lib/domain/presence";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import { RUN_ROLE_LABELS, type TRunRoleKind } from "@/lib/domain/run-roles";
import { UserText } from "@/components/ui/user-text";

export function PresenceStrip({ snapshot, present }: { snapshot: Pick<TRunSnapshot, "roles">; present: TPresentUser[] }) {
  const holders = rollCall(snapshot.roles, present);
  if (holders.length === 0) return null;
  return (
    <ul aria-label="Team present" data-testid="bridge-presence" className="flex flex-wrap gap-3">
      {holders.map((h) => (
        <li
          key={h.role}
          data-testid="bridge-presence-role"
          data-present={h.isPresent}
          className={`flex items-center gap-3 rounded-full border-2 px-4 py-1 text-2xl ${h.isPresent ? "border-emerald-400 text-white" : "border-slate-600 text-slate-400"}`}
        >
          <span aria-hidden="true" className={`h-4 w-4 rounded-full ${h.isPresent ? "bg-emerald-400" : "border-2 border-slate-500"}`} />
          <span className="font-semibold">{RUN_ROLE_LABELS[h.role as TRunRoleKind] ?? h.role}</span>
          <span><UserText>{h.userName}</UserText></span>
          <span className="text-xl">{h.isPresent ? "here" : "away"}</span>
        </li>
      ))}
    </ul>
  );
}
