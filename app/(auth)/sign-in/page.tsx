import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUser } from "@/lib/auth/current-user";
import { hasAnyUser } from "@/lib/auth/users";
import { safeReturnPath } from "@/lib/domain/return-path";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  // A deep link (a run's war room) sent here to sign in goes back to it afterwards; nothing off-site.
  const returnTo = safeReturnPath(typeof next === "string" ? next : null) ?? "/";
  if (!(await hasAnyUser())) redirect("/setup");
  if (await currentUser()) redirect(returnTo);
  return (
    <AuthShell title="Sign in" subtitle="Deployment day starts here.">
      <SignInForm returnTo={returnTo} />
    </AuthShell>
  );
}
