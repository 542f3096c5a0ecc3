"use client";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { setupAction } from "@/lib/auth/actions";
import { authClient } from "@/lib/auth/client";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-length";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";

type TStep = "form" | "signing_in" | "opening";

const STEP_WORDS: Record<Exclude<TStep, "form">, string> = {
  signing_in: "✓ Account created. Signing you in…",
  opening: "✓ Account created and signed in. Opening Warroom…",
};

/**
 * The first admin's account, in steps the person can follow: the action creates the account, the
 * browser signs in (as the sign-in form does), then Warroom opens. Each step says so as it starts.
 */
export function SetupForm() {
  const router = useRouter();
  const [state, formAction, isPending] = useActionState(setupAction, null);
  const [step, setStep] = useState<TStep>("form");
  const [signInError, setSignInError] = useState<string | null>(null);
  const credentials = useRef<{ email: string; password: string } | null>(null);
  const isCreated = state?.ok === true;

  useEffect(() => {
    if (!isCreated || !credentials.current) return;
    const { email, password } = credentials.current;
    credentials.current = null;
    setStep("signing_in");
    void authClient.signIn.email({ email, password }).then((result) => {
      if (result.error) {
        // The account exists: signing in by hand is all that is left.
        setSignInError("Your account was created, but signing in failed: sign in with it now.");
        router.replace("/sign-in");
        return;
      }
      setStep("opening");
      router.replace("/");
      router.refresh();
    });
  }, [isCreated, router]);

  return (
    // onSubmit, not `action`: React resets a form after its action, which would wipe a refused attempt.
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        credentials.current = { email: String(data.get("email") ?? ""), password: String(data.get("password") ?? "") };
        startTransition(() => formAction(data));
      }}
    >
      <TextField id="name" name="name" label="Your name" autoComplete="name" required />
      <TextField id="email" name="email" type="email" label="Email" autoComplete="email" required />
      <TextField id="password" name="password" type="password" label={`Password (at least ${MIN_PASSWORD_LENGTH} characters, not a common one)`} autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} />
      <FormError message={signInError ?? (state && !state.ok ? state.error : null)} />
      {step !== "form" && (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm font-semibold text-emerald-900" data-testid="setup-done">
          {STEP_WORDS[step]}
        </p>
      )}
      <Button type="submit" className="w-full" disabled={isPending || isCreated}>
        {isPending ? "Creating your account…" : isCreated ? "Signing in…" : "Create admin account"}
      </Button>
    </form>
  );
}
