"use client";
// Copy a template under a new name; the copy's editor opens next.
import { startTransition, useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import { copyTemplateAction } from "@/lib/templates/actions";

export function CopyTemplateForm({ templates, defaultTemplateId }: { templates: { id: string; name: string }[]; defaultTemplateId?: string }) {
  const [state, formAction, isPending] = useActionState(copyTemplateAction, null);
  return (
    <form
      // Dispatched by hand so a refused name keeps what was typed (React resets a form after its action).
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
      aria-label="Copy a template"
      className="space-y-3"
    >
      <div className="grid gap-4 md:grid-cols-[1fr_1fr_auto] md:items-end">
        <SelectField id="copy-source" name="templateId" label="Template to copy" defaultValue={defaultTemplateId ?? templates[0]?.id}>
          {templates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </SelectField>
        <TextField id="copy-name" name="name" label="Name of the copy" required maxLength={200} placeholder="Hotfix day" />
        <Button type="submit" disabled={isPending}>{isPending ? "Copying…" : "Copy and edit"}</Button>
      </div>
      <FormError message={state?.error} />
    </form>
  );
}
