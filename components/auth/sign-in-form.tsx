"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/lib/auth/client";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";

/** `returnTo`: the page to open once signed in (checked by the page with safeReturnPath). */
export function SignInForm({ returnTo = "/" }: { returnTo?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setError(null);
    const result = await authClient.signIn.email({
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    setIsPending(false);
    if (result.error) {
      setError(
        result.error.status === 429
          ? "Too many sign-in attempts. Wait a minute and try again."
          : result.error.code === "ACCOUNT_DISABLED"
            ? (result.error.message ?? "This account is disabled — ask an admin")
            : "Wrong email or password.",
      );
      return;
    }
    router.replace(returnTo);
    router.refresh();
  }

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4">
      <TextField id="email" name="email" type="email" label="Email" autoComplete="email" required />
      <TextField id="password" name="password" type="password" label="Password" autoComplete="current-password" required />
      <FormError message={error} />
      <Button type="submit" className="w-full" disabled={isPending}>
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
