"use client";
import { startTransition, useActionState, useEffect, useRef } from "react";
import { createUserAction } from "@/lib/auth/actions";
import { ROLE_LABELS, ROLES } from "@/lib/domain/roles";
import { Button } from "@/components/ui/button";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import { UserText } from "@/components/ui/user-text";
import { OneTimeLink } from "./one-time-link";

/**
 * Admins invite; the invitee chooses their own password through the one-time link shown here once.
 * Submitted from onSubmit, not `action`: React resets a form after its action, which wiped what the
 * admin typed when the invite was refused. Only a successful invite clears the fields.
 */
export function AddUserForm() {
  const [state, formAction, isPending] = useActionState(createUserAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  return (
    <form
      ref={formRef}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
      className="grid gap-4 md:grid-cols-2"
      aria-label="Invite user"
    >
      <TextField id="new-name" name="name" label="Name" required />
      <TextField id="new-email" name="email" type="email" label="Email" required />
      <SelectField id="new-role" name="role" label="Role" defaultValue="member">
        {ROLES.map((r) => (
          <option key={r} value={r}>{ROLE_LABELS[r]}</option>
        ))}
      </SelectField>
      <div className="md:col-span-2 space-y-3">
        <FormError message={state && !state.ok ? state.error : null} />
        {state?.ok && (
          <OneTimeLink
            label={`Added ${state.data.name} as ${ROLE_LABELS[state.data.role]}. Send them this invite link to set their password:`}
            url={state.data.inviteUrl}
          />
        )}
        <Button type="submit" disabled={isPending}>{isPending ? "Inviting…" : "Invite user"}</Button>
      </div>
    </form>
  );
}
