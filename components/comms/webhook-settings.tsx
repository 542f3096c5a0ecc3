"use client";
// Where this run's messages go: its own destinations (leads add, test, pause and remove them) and
// the global ones an admin set up for every run, each with what it is sent on and, for leads and
// admins, its latest deliveries. Only hosts are shown: a webhook URL is a credential.
import { useCallback, useState } from "react";
import { Button } from "@/components/ui/button";
import type { TSend } from "@/components/poll/look";
import { DestinationChoice, triggerWords, useDestinationChoice } from "@/components/notify/destination-choice";
import { DeliveryList, TestButton } from "@/components/notify/destination-deliveries";
import { ShownOnceSecret } from "@/components/notify/shown-once";
import type { TWebhookView } from "@/lib/domain/comms-events";
import { KIND_LABELS } from "@/lib/domain/notify/kinds";
import { addRunDestinationAction, resendRunDeliveryAction, runDeliveriesAction, testRunDestinationAction } from "@/lib/notify/actions";
import type { TDestinationDelivery } from "@/lib/notify/destinations";
import { UserText } from "@/components/ui/user-text";

type TProps = { runId: string; webhooks: TWebhookView[]; globalWebhooks: TWebhookView[]; canManage: boolean; send: TSend };

export function WebhookSettings({ runId, webhooks, globalWebhooks, canManage, send }: TProps) {
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const destination = useDestinationChoice("slack");
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [deliveries, setDeliveries] = useState<TDestinationDelivery[] | null>(null);
  const all = [...webhooks, ...globalWebhooks];

  const refresh = useCallback(async () => {
    if (!canManage) return;
    const result = await runDeliveriesAction(runId);
    if (result.ok) setDeliveries(result.data);
  }, [canManage, runId]);

  async function run(name: "webhook:save" | "webhook:remove", input: Record<string, unknown>): Promise<boolean> {
    setIsBusy(true);
    setError(null);
    const reply = await send(name, input);
    setIsBusy(false);
    if ("error" in reply) setError(reply.error.message);
    return !("error" in reply);
  }

  async function add() {
    setIsBusy(true);
    setError(null);
    setSecret(null);
    const { kind, triggers, secret: routingKey } = destination.choice;
    const result = await addRunDestinationAction({ runId, name: name.trim(), url: url.trim(), format: kind, triggers, ...(routingKey.trim() ? { secret: routingKey.trim() } : {}), commandId: crypto.randomUUID() });
    setIsBusy(false);
    if (!result.ok) return setError(result.error);
    setSecret(result.data.secret);
    setName("");
    setUrl("");
    destination.reset();
  }

  return (
    <details className="text-sm" data-testid="webhook-settings" onToggle={(e) => (e.currentTarget.open ? void refresh() : undefined)}>
      <summary className="cursor-pointer font-semibold text-slate-900">
        Webhooks ({all.filter((w) => w.isEnabled).length} active)
      </summary>
      <ul className="mt-2 space-y-1">
        {all.length === 0 && <li className="text-slate-600">None: announcements stay on the timeline and the status page.</li>}
        {all.map((w) => (
          <li key={w.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded border border-slate-200 px-2 py-1" data-testid="webhook">
            <span className={`font-semibold ${w.isEnabled ? "text-slate-900" : "text-slate-500 line-through"}`}><UserText>{w.name}</UserText></span>
            <span className="text-xs text-slate-600">
              {KIND_LABELS[w.format]} · {w.host}
              {w.scope === "global" ? " · all runs" : ""}
              {!w.isEnabled && " · paused"}
            </span>
            <span className="basis-full text-xs text-slate-700">Sends on: {triggerWords(w.triggers)}</span>
            {canManage && (
              <span className="ml-auto flex flex-wrap gap-1">
                {w.scope === "run" && (
                  <>
                    <Button
                      variant="ghost"
                      className="!px-2 !py-0.5 text-xs"
                      disabled={isBusy}
                      onClick={() => void run("webhook:save", { webhookId: w.id, name: w.name, format: w.format, isEnabled: !w.isEnabled })}
                    >
                      {w.isEnabled ? "Pause" : "Resume"}
                    </Button>
                    <Button variant="ghost" className="!px-2 !py-0.5 text-xs" disabled={isBusy} onClick={() => void run("webhook:remove", { webhookId: w.id })}>
                      Remove
                    </Button>
                  </>
                )}
                <TestButton onTest={() => testRunDestinationAction(runId, w.id)} />
              </span>
            )}
            {canManage && deliveries && (
              <div className="basis-full border-t border-slate-100 pt-1">
                <DeliveryList
                  deliveries={deliveries.filter((d) => d.webhookId === w.id)}
                  showRun={false}
                  onResend={async (id) => {
                    const result = await resendRunDeliveryAction(runId, id);
                    await refresh();
                    return result;
                  }}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
      {canManage && all.length > 0 && (
        <Button variant="ghost" className="mt-1 !px-2 !py-0.5 text-xs" onClick={() => void refresh()}>Refresh deliveries</Button>
      )}
      {canManage && (
        <form
          aria-label="Add a webhook"
          className="mt-3 space-y-2 rounded-md bg-slate-50 p-2"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <label className="block text-xs font-medium text-slate-800">
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="#midi-deployment" className="mt-0.5 block w-full rounded border border-slate-500 px-2 py-1 text-sm" />
          </label>
          <label className="block text-xs font-medium text-slate-800">
            URL
            <input value={url} onChange={(e) => setUrl(e.target.value)} type="url" placeholder="https://hooks.slack.com/services/…" className="mt-0.5 block w-full rounded border border-slate-500 px-2 py-1 text-sm" />
          </label>
          <DestinationChoice {...destination} idPrefix="run-destination" isCompact />
          <Button type="submit" variant="secondary" disabled={isBusy || !name.trim() || !url.trim()}>Add webhook</Button>
        </form>
      )}
      {secret && <ShownOnceSecret secret={secret} />}
      {error && <p role="alert" className="mt-1 text-xs text-red-800">⚠ {error}</p>}
    </details>
  );
}
