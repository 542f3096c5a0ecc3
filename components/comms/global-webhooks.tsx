"use client";
// Admins: the webhooks every run's announcements are sent to (Slack incoming webhooks, generic JSON).
import { useActionState, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import { createGlobalWebhookAction, removeGlobalWebhookAction, setGlobalWebhookEnabledAction } from "@/lib/comms/actions";
import { WEBHOOK_FORMAT_LABELS, WEBHOOK_FORMATS, type TWebhookView } from "@/lib/domain/comms-events";
import { UserText } from "@/components/ui/user-text";

export function AddGlobalWebhookForm() {
  const [state, formAction, isPending] = useActionState(createGlobalWebhookAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  return (
    <form ref={formRef} action={formAction} className="grid gap-4 md:grid-cols-3" aria-label="Add a global webhook">
      <TextField id="webhook-name" name="name" label="Name" placeholder="#deployments" required />
      <TextField id="webhook-url" name="url" type="url" label="URL" placeholder="https://hooks.slack.com/services/…" required />
      <SelectField id="webhook-format" name="format" label="Format" defaultValue="slack">
        {WEBHOOK_FORMATS.map((f) => (
          <option key={f} value={f}>{WEBHOOK_FORMAT_LABELS[f]}</option>
        ))}
      </SelectField>
      <div className="space-y-3 md:col-span-3">
        <FormError message={state && !state.ok ? state.error : null} />
        {state?.ok && <p role="status" className="text-sm text-emerald-800">✓ Added <UserText>{state.data.name}</UserText>: every run's announcements go there too.</p>}
        <Button type="submit" disabled={isPending}>{isPending ? "Adding…" : "Add webhook"}</Button>
      </div>
    </form>
  );
}

export function GlobalWebhookRow({ webhook }: { webhook: TWebhookView }) {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  async function act(action: () => Promise<{ ok: boolean; error?: string }>) {
    setIsBusy(true);
    setError(null);
    const result = await action();
    setIsBusy(false);
    if (!result.ok) setError(result.error ?? "Something went wrong.");
  }
  return (
    <tr className="border-b border-slate-100" data-testid="global-webhook">
      <td className="py-2 font-semibold text-slate-900"><UserText>{webhook.name}</UserText></td>
      <td className="py-2">{WEBHOOK_FORMAT_LABELS[webhook.format]}</td>
      <td className="py-2 font-mono text-xs">{webhook.host}</td>
      <td className="py-2">{webhook.isEnabled ? "Active" : "Paused"}</td>
      <td className="py-2 text-right">
        <Button variant="ghost" disabled={isBusy} onClick={() => void act(() => setGlobalWebhookEnabledAction(webhook.id, !webhook.isEnabled))}>
          {webhook.isEnabled ? "Pause" : "Resume"}
        </Button>
        <Button variant="ghost" disabled={isBusy} onClick={() => void act(() => removeGlobalWebhookAction(webhook.id))}>Remove</Button>
        {error && <p role="alert" className="text-xs text-red-800">⚠ {error}</p>}
      </td>
    </tr>
  );
}
