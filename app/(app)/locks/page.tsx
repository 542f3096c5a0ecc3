import { Card } from "@/components/ui/card";
import { UserText } from "@/components/ui/user-text";
import { GuardIcon } from "@/components/locks/guard-icon";
import { FreezeForm, RemoveButton, TakeLockForm } from "@/components/locks/locks-forms";
import { requirePageUser } from "@/lib/auth/current-user";
import { activeFreezeWindow, describeFreeze } from "@/lib/domain/service-guards";
import { can } from "@/lib/domain/roles";
import { formatUtcDateMinute } from "@/lib/domain/time-format";
import { listGuards } from "@/lib/locks/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Locks and freezes" };

export default async function LocksPage() {
  const user = await requirePageUser("runs.read");
  const { locks, freezes } = await listGuards();
  const canManage = can(user.role, "locks.manage");
  const now = Date.now();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-slate-900">Locks and freezes</h1>
      <p className="max-w-3xl text-slate-700">
        A locked service, or one inside a freeze window, cannot deploy: its runs show it and their gate answers
        <code className="mx-1">no_go</code>, until the lock is released, the window ends, or a lead overrides it for one run
        with a written reason. Pipelines use <code>warroom lock</code> and <code>warroom unlock</code>.
      </p>
      <Card>
        <h2 className="mb-3 text-lg font-bold text-slate-900">Service locks</h2>
        <ul className="mb-4 divide-y divide-slate-100" data-testid="locks">
          {locks.length === 0 && <li className="py-2 text-slate-600">No service is locked.</li>}
          {locks.map((lock) => (
            <li key={lock.id} className="flex flex-wrap items-center gap-x-4 py-2" data-testid="lock-row">
              <span className="font-semibold text-slate-900"><GuardIcon source="lock" /> <UserText>{lock.service}</UserText></span>
              <span className="min-w-0 flex-1 text-slate-800"><UserText>{lock.reason}</UserText></span>
              <span className="text-sm text-slate-600">by <UserText>{lock.holderName}</UserText>, {formatUtcDateMinute(lock.takenAt)}</span>
              {canManage && <RemoveButton kind="lock" target={lock.service} label={`Release the lock on ${lock.service}`} />}
            </li>
          ))}
        </ul>
        {canManage && <TakeLockForm />}
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-bold text-slate-900">Freeze windows</h2>
        <ul className="mb-4 divide-y divide-slate-100" data-testid="freezes">
          {freezes.length === 0 && <li className="py-2 text-slate-600">No freeze window.</li>}
          {freezes.map((freeze) => (
            <li key={freeze.id} className="flex flex-wrap items-center gap-x-4 py-2" data-testid="freeze-row">
              <span className="font-semibold text-slate-900"><GuardIcon source="freeze" /> <UserText>{freeze.service ?? "Every service"}</UserText></span>
              <span className="text-slate-800">{describeFreeze(freeze)}</span>
              <span className="min-w-0 flex-1 text-slate-800"><UserText>{freeze.reason}</UserText></span>
              {activeFreezeWindow(freeze, now) && <span className="rounded bg-sky-900 px-2 py-0.5 text-xs font-bold text-white">IN FORCE</span>}
              {canManage && <RemoveButton kind="freeze" target={freeze.id} label={`Remove the freeze on ${freeze.service ?? "every service"}`} />}
            </li>
          ))}
        </ul>
        {canManage && <FreezeForm />}
      </Card>
    </div>
  );
}
