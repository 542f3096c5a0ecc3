"use client";
// Admins: the destinations every run sends to, of every kind, each with what it is sent on (editable),
// a test message and its latest deliveries across runs.
import { useActionState, useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import { DestinationChoice, triggerWords, useDestinationChoice } from "@/components/notify/destination-choice";
import { DeliveryList, TestButton } from "@/components/notify/destination-deliveries";
import { ShownOnceSecret } from "@/components/notify/shown-once";
import { createGlobalWebhookAction, removeGlobalWebhookAction, setGlobalWebhookEnabledAction, updateGlobalWebhookAction } from "@/lib/comms/actions";
import type { TWebhookView } from "@/lib/domain/comms-events";
import { KIND_LABELS, KIND_TRIGGERS, TRIGGER_LABELS, type TNotifyTrigger } from "@/lib/domain/notify/kinds";
import { globalDeliveriesAction, resendGlobalDeliveryAction, testGlobalDestinationAction } from "@/lib/notify/actions";
import type { TDestinationDelivery } from "@/lib/notify/destinations";
import { UserText } from "@/components/ui/user-text";

export function AddGlobalWebhookForm() {
  const [state, formAction, isPending] = useActionState(createGlobalWebhookAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const destination = useDestinationChoice("slack");
  const { reset } = destination;
  // Only a new result resets the form: `reset` is made anew on every render.
  const handled = useRef(state);
  useEffect(() => {
    if (!state?.ok || handled.current === state) return;
    handled.current = state;
    formRef.current?.reset();
    reset();
  }, [state, reset]);
  return (
    <form ref={formRef} action={formAction} className="grid gap-4 md:grid-cols-3" aria-label="Add a global webhook">
      <TextField id="webhook-name" name="name" label="Name" placeholder="#deployments" required />
      <TextField id="webhook-url" name="url" type="url" label="URL" placeholder="https://hooks.slack.com/services/…" required />
      <DestinationChoice {...destination} idPrefix="global-destination" />
      <div className="space-y-3 md:col-span-3">
        <FormError message={state && !state.ok ? state.error : null} />
        {state?.ok && <p role="status" className="text-sm text-emerald-800">✓ Added <UserText>{state.data.name}</UserText>: every run sends there too.</p>}
        {state?.ok && state.data.secret && <ShownOnceSecret secret={state.data.secret} />}
        <Button type="submit" disabled={isPending}>{isPending ? "Adding…" : "Add webhook"}</Button>
      </div>
    </form>
  );
}

function TriggerEditor({ webhook, onDone }: { webhook: TWebhookView; onDone: () => void }) {
  const [chosen, setChosen] = useState<string[]>(webhook.triggers);
  const [error, setError] = useState<string | null>(null);
  return (
    <fieldset className="mt-1 space-y-1">
      <legend className="text-xs font-medium text-slate-800">Sends on</legend>
      {KIND_TRIGGERS[webhook.format].map((t: TNotifyTrigger) => (
        <label key={t} className="mr-3 inline-flex items-center gap-1 text-xs">
          <input type="checkbox" checked={chosen.includes(t)} onChange={() => setChosen((c) => (c.includes(t) ? c.filter((x) => x !== t) : [...c, t]))} />
          {TRIGGER_LABELS[t]}
        </label>
      ))}
      <div>
        <Button
          variant="secondary"
          className="!px-2 !py-0.5 text-xs"
          onClick={async () => {
            const result = await updateGlobalWebhookAction(webhook.id, chosen);
            if (result.ok) onDone();
            else setError(result.error);
          }}
        >
          Save
        </Button>
        {error && <p role="alert" className="text-xs text-red-800">⚠ {error}</p>}
      </div>
    </fieldset>
  );
}

export function GlobalWebhookRow({ webhook }: { webhook: TWebhookView }) {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [isEditing, setIsEditing] = useState(false);
  async function act(action: () => Promise<{ ok: boolean; error?: string }>) {
    setIsBusy(true);
    setError(null);
    const result = await action();
    setIsBusy(false);
    if (!result.ok) setError(result.error ?? "Something went wrong.");
  }
  return (
    <tr className="border-b border-slate-100 align-top" data-testid="global-webhook">
      <td className="py-2 font-semibold text-slate-900"><UserText>{webhook.name}</UserText></td>
      <td className="py-2">{KIND_LABELS[webhook.format]}</td>
      <td className="py-2 pr-4 font-mono text-xs">{webhook.host}</td>
      <td className="py-2 pr-4 text-xs">
        {isEditing ? <TriggerEditor webhook={webhook} onDone={() => setIsEditing(false)} /> : triggerWords(webhook.triggers)}
      </td>
      <td className="py-2">{webhook.isEnabled ? "Active" : "Paused"}</td>
      <td className="py-2 text-right">
        <div className="flex flex-wrap justify-end gap-1">
          <TestButton onTest={() => testGlobalDestinationAction(webhook.id)} />
          <Button variant="ghost" className="!px-2 !py-0.5 text-xs" onClick={() => setIsEditing((v) => !v)} aria-expanded={isEditing}>
            {isEditing ? "Cancel" : "Edit triggers"}
          </Button>
          <Button variant="ghost" className="!px-2 !py-0.5 text-xs" disabled={isBusy} onClick={() => void act(() => setGlobalWebhookEnabledAction(webhook.id, !webhook.isEnabled))}>
            {webhook.isEnabled ? "Pause" : "Resume"}
          </Button>
          <Button variant="ghost" className="!px-2 !py-0.5 text-xs" disabled={isBusy} onClick={() => void act(() => removeGlobalWebhookAction(webhook.id))}>Remove</Button>
        </div>
        {error && <p role="alert" className="text-xs text-red-800">⚠ {error}</p>}
      </td>
    </tr>
  );
}

/** Every global destination's latest deliveries, across runs (with each run's name). */
export function GlobalDeliveries({ webhooks }: { webhooks: TWebhookView[] }) {
  const [deliveries, setDeliveries] = useState<TDestinationDelivery[] | null>(null);
  const refresh = useCallback(async () => {
    const result = await globalDeliveriesAction();
    if (result.ok) setDeliveries(result.data);
  }, []);
  useEffect(() => void refresh(), [refresh]);
  return (
    <div className="space-y-3" data-testid="global-deliveries">
      <div className="flex items-center justify-between">
        <h2 className="text-lg font-bold text-slate-900">Recent deliveries</h2>
        <Button variant="secondary" className="!px-3 !py-1 text-xs" onClick={() => void refresh()}>Refresh</Button>
      </div>
      {webhooks.length === 0 && <p className="text-sm text-slate-600">No destinations yet.</p>}
      {webhooks.map((w) => (
        <section key={w.id} aria-label={`Deliveries to ${w.name}`}>
          <h3 className="text-sm font-semibold text-slate-900"><UserText>{w.name}</UserText> <span className="font-normal text-slate-600">· {KIND_LABELS[w.format]}</span></h3>
          {deliveries ? (
            <DeliveryList deliveries={deliveries.filter((d) => d.webhookId === w.id)} showRun onResend={async (id) => {
              const result = await resendGlobalDeliveryAction(id);
              await refresh();
              return result;
            }} />
          ) : (
            <p className="text-xs text-slate-600">Loading…</p>
          )}
        </section>
      ))}
    </div>
  );
}
