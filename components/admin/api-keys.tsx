"use client";
// Admins: workspace API keys for pipelines. The secret is shown once, right after creation; the list
// shows each key's first characters, scopes and last use, and revokes.
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import { createWorkspaceKeyAction, revokeWorkspaceKeyAction } from "@/lib/api/actions";
import type { TApiKeyView } from "@/lib/api/keys";
import { API_SCOPE_LABELS, API_SCOPES } from "@/lib/api/scopes";
import { formatUtcDateMinute } from "@/lib/domain/time-format";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function CreateApiKeyForm() {
  const [state, formAction, isPending] = useActionState(createWorkspaceKeyAction, null);
  return (
    <form action={formAction} className="space-y-4" aria-label="Create an API key">
      <TextField id="api-key-name" name="name" label="Name" placeholder="ci-deploy" required />
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-slate-800">Scopes</legend>
        <div className="grid gap-1 md:grid-cols-2">
          {API_SCOPES.map((scope) => (
            <label key={scope} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "runs:read"} />
              <code className="text-xs">{scope}</code> {API_SCOPE_LABELS[scope]}
            </label>
          ))}
        </div>
      </fieldset>
      <FormError message={state && !state.ok ? state.error : null} />
      {state?.ok && (
        <div role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <p className="font-semibold">Copy the key for “{state.data.key.name}” now: it is shown only once.</p>
          <code data-testid="new-api-key" className="mt-2 block break-all font-mono text-xs">{state.data.token}</code>
        </div>
      )}
      <Button type="submit" disabled={isPending}>{isPending ? "Creating…" : "Create key"}</Button>
    </form>
  );
}

// UTC like the war room's token list, so the server's and the browser's rendering agree.
const when = (iso: string | null) => (iso ? formatUtcDateMinute(iso) : "never");

export function ApiKeyRow({ apiKey }: { apiKey: TApiKeyView }) {
  const [isConfirming, setIsConfirming] = useState(false);
  /** Revokes after the confirmation; resolves to the refusal to show in it, or null. */
  async function revoke(): Promise<string | null> {
    const result = await revokeWorkspaceKeyAction(apiKey.id);
    return result.ok ? null : result.error;
  }
  return (
    <tr className="border-b border-slate-100 align-top" data-testid="api-key">
      <td className="py-2 font-semibold text-slate-900">{apiKey.name}</td>
      <td className="py-2 font-mono text-xs">{apiKey.prefix}…</td>
      <td className="py-2 text-xs">{apiKey.scopes.join(", ")}</td>
      <td className="py-2 text-xs">{when(apiKey.lastUsedAt)}</td>
      <td className="py-2 text-xs">{apiKey.revokedAt ? `Revoked by ${apiKey.revokedByName}` : `Created by ${apiKey.createdByName}`}</td>
      <td className="py-2 text-right">
        {!apiKey.revokedAt && <Button variant="ghost" onClick={() => setIsConfirming(true)}>Revoke…</Button>}
        {isConfirming && (
          <ConfirmDialog
            testId="revoke-key-dialog"
            title={`Revoke key “${apiKey.name}”?`}
            consequences={[
              "Every pipeline, CLI and script using this key is refused (401) from its next request, on every run.",
              "A pipeline gating on it gets 401 instead of an answer: its deploy step stops with an error.",
              "A revoked key never works again: create a new one and update the pipeline's secret.",
            ]}
            confirmLabel="Revoke key"
            onConfirm={revoke}
            onClose={() => setIsConfirming(false)}
          />
        )}
      </td>
    </tr>
  );
}
