import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { SetupForm } from "@/components/auth/setup-form";
import { hasAnyUser } from "@/lib/auth/users";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up" };

export default async function SetupPage() {
  if (await hasAnyUser()) redirect("/sign-in");
  return (
    <AuthShell title="Set up Warroom" subtitle="Create the first admin account. You will add your team next.">
      <SetupForm />
    </AuthShell>
  );
}
