"use client";
// Where this run's announcements go: its own webhooks (leads add, pause and remove them) and the
// global ones an admin set up for every run. Only hosts are shown: a webhook URL is a credential.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { TSend } from "@/components/poll/look";
import { WEBHOOK_FORMAT_LABELS, WEBHOOK_FORMATS, type TWebhookFormat, type TWebhookView } from "@/lib/domain/comms-events";
import { UserText } from "@/components/ui/user-text";

type TProps = { webhooks: TWebhookView[]; globalWebhooks: TWebhookView[]; canManage: boolean; send: TSend };

export function WebhookSettings({ webhooks, globalWebhooks, canManage, send }: TProps) {
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [format, setFormat] = useState<TWebhookFormat>("slack");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const all = [...webhooks, ...globalWebhooks];

  async function run(name: "webhook:save" | "webhook:remove", input: Record<string, unknown>): Promise<boolean> {
    setIsBusy(true);
    setError(null);
    const reply = await send(name, input);
    setIsBusy(false);
    if ("error" in reply) setError(reply.error.message);
    return !("error" in reply);
  }

  return (
    <details className="text-sm" data-testid="webhook-settings">
      <summary className="cursor-pointer font-semibold text-slate-900">
        Webhooks ({all.filter((w) => w.isEnabled).length} active)
      </summary>
      <ul className="mt-2 space-y-1">
        {all.length === 0 && <li className="text-slate-600">None: announcements stay on the timeline and the status page.</li>}
        {all.map((w) => (
          <li key={w.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded border border-slate-200 px-2 py-1" data-testid="webhook">
            <span className={`font-semibold ${w.isEnabled ? "text-slate-900" : "text-slate-500 line-through"}`}><UserText>{w.name}</UserText></span>
            <span className="text-xs text-slate-600">
              {w.format === "slack" ? "Slack" : "JSON"} · {w.host}
              {w.scope === "global" ? " · all runs" : ""}
              {!w.isEnabled && " · paused"}
            </span>
            {canManage && w.scope === "run" && (
              <span className="ml-auto flex gap-1">
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
              </span>
            )}
          </li>
        ))}
      </ul>
      {canManage && (
        <form
          aria-label="Add a webhook"
          className="mt-3 space-y-2 rounded-md bg-slate-50 p-2"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await run("webhook:save", { name: name.trim(), url: url.trim(), format })) {
              setName("");
              setUrl("");
            }
          }}
        >
          <label className="block text-xs font-medium text-slate-800">
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="#midi-deployment" className="mt-0.5 block w-full rounded border border-slate-300 px-2 py-1 text-sm" />
          </label>
          <label className="block text-xs font-medium text-slate-800">
            URL
            <input value={url} onChange={(e) => setUrl(e.target.value)} type="url" placeholder="https://hooks.slack.com/services/…" className="mt-0.5 block w-full rounded border border-slate-300 px-2 py-1 text-sm" />
          </label>
          <label className="block text-xs font-medium text-slate-800">
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value as TWebhookFormat)} className="mt-0.5 block w-full rounded border border-slate-300 px-2 py-1 text-sm">
              {WEBHOOK_FORMATS.map((f) => (
                <option key={f} value={f}>{WEBHOOK_FORMAT_LABELS[f]}</option>
              ))}
            </select>
          </label>
          <Button type="submit" variant="secondary" disabled={isBusy || !name.trim() || !url.trim()}>Add webhook</Button>
        </form>
      )}
      {error && <p role="alert" className="mt-1 text-xs text-red-800">⚠ {error}</p>}
    </details>
  );
}
