"use client";
import { useActionState } from "react";
import { setPasswordAction } from "@/lib/auth/actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-length";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, formAction, isPending] = useActionState(setPasswordAction, null);
  if (state?.ok) {
    return (
      <p role="status" className="text-sm text-emerald-800">
        ✓ Password set for {state.data.email}. <a href="/sign-in" className="font-medium underline">Sign in</a>
      </p>
    );
  }
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <TextField
        id="password"
        name="password"
        type="password"
        label={`New password (at least ${MIN_PASSWORD_LENGTH} characters, not a common one)`}
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
      />
      <FormError message={state && !state.ok ? state.error : null} />
      <Button type="submit" className="w-full" disabled={isPending}>
        {isPending ? "Saving…" : "Set password"}
      </Button>
    </form>
  );
}
