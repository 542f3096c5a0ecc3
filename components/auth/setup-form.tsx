"use client";
import { useActionState } from "react";
import { setupAction } from "@/lib/auth/actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-length";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";

export function SetupForm() {
  const [state, formAction, isPending] = useActionState(setupAction, null);
  return (
    <form action={formAction} className="space-y-4">
      <TextField id="name" name="name" label="Your name" autoComplete="name" required />
      <TextField id="email" name="email" type="email" label="Email" autoComplete="email" required />
      <TextField id="password" name="password" type="password" label={`Password (at least ${MIN_PASSWORD_LENGTH} characters, not a common one)`} autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} />
      <FormError message={state && !state.ok ? state.error : null} />
      <Button type="submit" className="w-full" disabled={isPending}>
        {isPending ? "Creating…" : "Create admin account"}
      </Button>
    </form>
  );
}
