"use client";
import { useState, useTransition } from "react";
import { setUserRoleAction } from "@/lib/auth/actions";
import { ROLE_LABELS, ROLES, type TRole } from "@/lib/domain/roles";

export function RoleSelect({ userId, userName, role }: { userId: string; userName: string; role: TRole }) {
  const [value, setValue] = useState(role);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  return (
    <div>
      <select
        aria-label={`Role of ${userName}`}
        value={value}
        disabled={isPending}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        onChange={(event) => {
          const next = event.target.value as TRole;
          const previous = value;
          setValue(next);
          setError(null);
          startTransition(async () => {
            const result = await setUserRoleAction(userId, next);
            if (!result.ok) {
              setValue(previous);
              setError(result.error);
            }
          });
        }}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>{ROLE_LABELS[r]}</option>
        ))}
      </select>
      {error && <p role="alert" className="mt-1 text-xs text-red-800">⚠ {error}</p>}
    </div>
  );
}
