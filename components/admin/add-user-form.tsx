"use client";
import { useActionState, useEffect, useRef } from "react";
import { createUserAction } from "@/lib/auth/actions";
import { ROLE_LABELS, ROLES } from "@/lib/domain/roles";
import { Button } from "@/components/ui/button";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import { UserText } from "@/components/ui/user-text";

export function AddUserForm() {
  const [state, formAction, isPending] = useActionState(createUserAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  return (
    <form ref={formRef} action={formAction} className="grid gap-4 md:grid-cols-2" aria-label="Add user">
      <TextField id="new-name" name="name" label="Name" required />
      <TextField id="new-email" name="email" type="email" label="Email" required />
      <TextField id="new-password" name="password" type="password" label="Initial password (≥ 10 characters)" required minLength={10} autoComplete="new-password" />
      <SelectField id="new-role" name="role" label="Role" defaultValue="member">
        {ROLES.map((r) => (
          <option key={r} value={r}>{ROLE_LABELS[r]}</option>
        ))}
      </SelectField>
      <div className="md:col-span-2 space-y-3">
        <FormError message={state && !state.ok ? state.error : null} />
        {state?.ok && (
          <p role="status" className="text-sm text-emerald-800">✓ Added <UserText>{state.data.name}</UserText> as {ROLE_LABELS[state.data.role]}.</p>
        )}
        <Button type="submit" disabled={isPending}>{isPending ? "Adding…" : "Add user"}</Button>
      </div>
    </form>
  );
}
