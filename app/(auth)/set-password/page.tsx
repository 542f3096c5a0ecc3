import { AuthShell } from "@/components/auth/auth-shell";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { describeAccessLink } from "@/lib/auth/access-links";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set your password" };

export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const link = await describeAccessLink(token);
  if (!link || typeof token !== "string") {
    return (
      <AuthShell title="This link does not work" subtitle="It is invalid, already used or expired — ask an admin for a new one.">
        <a href="/sign-in" className="text-sm font-medium text-slate-900 underline">Go to sign-in</a>
      </AuthShell>
    );
  }
  return (
    <AuthShell
      title={link.kind === "invite" ? "Welcome to Warroom" : "Choose a new password"}
      subtitle={`For ${link.name} (${link.email}). This link works once.`}
    >
      <SetPasswordForm token={token} email={link.email} />
    </AuthShell>
  );
}
