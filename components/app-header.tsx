import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ConnectionIndicator } from "@/components/realtime/connection-indicator";
import type { TSessionUser } from "@/lib/auth/session";
import { can, ROLE_LABELS } from "@/lib/domain/roles";
import { UserText } from "@/components/ui/user-text";

export function AppHeader({ user }: { user: TSessionUser }) {
  return (
    <header className="bg-slate-900 text-white print:hidden">
      <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
        <Link href="/" className="text-lg font-bold tracking-widest text-red-400 uppercase">
          Warroom
        </Link>
        <nav aria-label="Main" className="flex gap-4 text-sm font-medium text-slate-200">
          <Link href="/" className="hover:text-white">Home</Link>
          <Link href="/now" className="hover:text-white">Now</Link>
          <Link href="/runs" className="hover:text-white">Runs</Link>
          <Link href="/calendar" className="hover:text-white">Calendar</Link>
          <Link href="/templates" className="hover:text-white">Templates</Link>
          <Link href="/locks" className="hover:text-white">Locks</Link>
          {can(user.role, "users.manage") && (
            <Link href="/admin/users" className="hover:text-white">Users</Link>
          )}
          {can(user.role, "webhooks.manage") && (
            <Link href="/admin/webhooks" className="hover:text-white">Webhooks</Link>
          )}
          {can(user.role, "datasources.manage") && (
            <Link href="/admin/datasources" className="hover:text-white">Data sources</Link>
          )}
          {can(user.role, "apikeys.manage") && (
            <Link href="/admin/api-keys" className="hover:text-white">API keys</Link>
          )}
        </nav>
        <div className="ml-auto flex items-center gap-4">
          <ConnectionIndicator />
          <span className="text-sm text-slate-200" data-testid="current-user">
            <UserText>{user.name}</UserText> · {ROLE_LABELS[user.role]}
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
