import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUser } from "@/lib/auth/current-user";
import { hasAnyUser } from "@/lib/auth/users";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (!(await hasAnyUser())) redirect("/setup");
  if (await currentUser()) redirect("/");
  return (
    <AuthShell title="Sign in" subtitle="Deployment day starts here.">
      <SignInForm />
    </AuthShell>
  );
}
