"use client";
// The run's API tokens for monitoring scripts: create (the secret is shown once, with the command
// that uses it) and revoke. Leads only.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { TTokenView } from "@/lib/domain/metric-events";
import { formatUtcDateMinute } from "@/lib/domain/time-format";
import { API_SCOPE_LABELS, API_SCOPES, type TApiScope } from "@/lib/api/scopes";
import { useCreateToken } from "@/lib/realtime/client/use-metrics";
import type { TSend } from "./manual-triggers";
import { UserText } from "@/components/ui/user-text";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** A run key acts on its own run only: creating runs is for workspace keys. */
const RUN_KEY_SCOPES = API_SCOPES.filter((s) => s !== "runs:write");

export function TokenPanel({ runId, tokens, send }: { runId: string; tokens: TTokenView[]; send: TSend }) {
  const createToken = useCreateToken(runId);
  const [name, setName] = useState("");
  // A run key: metrics only unless the lead gives its pipeline more (the war room's other commands).
  const [scopes, setScopes] = useState<TApiScope[]>(["metrics:write"]);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<TTokenView | null>(null);
  const origin = typeof window === "undefined" ? "" : window.location.origin;

  async function create() {
    setError(null);
    const reply = await createToken(name.trim(), scopes);
    if ("error" in reply) return setError(reply.error.message);
    setSecret(reply.data.token);
    setName("");
  }

  /** Revokes after the confirmation; resolves to the refusal to show in it, or null. */
  async function revoke(token: TTokenView): Promise<string | null> {
    setError(null);
    const reply = await send("token:revoke", { tokenId: token.id });
    return "error" in reply ? reply.error.message : null;
  }

  return (
    <div className="space-y-3" data-testid="token-panel">
      {revoking && (
        <ConfirmDialog
          testId="revoke-token-dialog"
          title={`Revoke token “${revoking.name}”?`}
          consequences={[
            "Scripts and pipelines using this token are refused (401) from their next request: metric pushes from it stop arriving.",
            "If it feeds a gating rule, that rule goes inconclusive when its data goes stale, and the checkpoint holds.",
            "A revoked token never works again: create a new one to resume.",
          ]}
          confirmLabel="Revoke token"
          onConfirm={() => revoke(revoking)}
          onClose={() => setRevoking(null)}
        />
      )}
      <form
        className="flex flex-wrap gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label htmlFor="token-name" className="sr-only">Token name</label>
        <input
          id="token-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Name, e.g. prometheus-bridge"
          maxLength={100}
          className="min-w-56 flex-1 rounded-md border border-slate-400 px-2 py-1 text-sm"
        />
        <Button type="submit" disabled={!name.trim() || scopes.length === 0}>Create token</Button>
        <fieldset className="flex w-full flex-wrap gap-x-4 gap-y-1 text-xs text-slate-800">
          <legend className="sr-only">Scopes</legend>
          {RUN_KEY_SCOPES.map((scope) => (
            <label key={scope} className="flex items-center gap-1" title={API_SCOPE_LABELS[scope]}>
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) => setScopes((now) => (e.target.checked ? [...now, scope] : now.filter((s) => s !== scope)))}
              />
              <code>{scope}</code>
            </label>
          ))}
        </fieldset>
      </form>
      {secret && (
        <div className="rounded-md border border-emerald-600 bg-emerald-50 p-3 text-sm" role="status">
          <p className="font-semibold text-emerald-900">Copy this token now: it is shown once and stored only as a hash.</p>
          <code className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-slate-900" data-testid="new-token">{secret}</code>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-2 font-mono text-xs text-slate-100">{`curl -X POST ${origin}/api/runs/${runId}/metrics \\
  -H "Authorization: Bearer ${secret}" -H "Content-Type: application/json" \\
  -d '{"samples":[{"metric":"error_rate","value":0.4,"stage":"canary","timestamp":"'$(date -u +%FT%TZ)'"}]}'`}</pre>
          <Button variant="ghost" className="mt-1" onClick={() => setSecret(null)}>Done</Button>
        </div>
      )}
      {tokens.length > 0 && (
        <ul className="divide-y divide-slate-200 text-sm">
          {tokens.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center gap-x-3 py-1.5" data-testid="api-token" data-revoked={t.revokedAt ? "true" : "false"}>
              <span className="font-semibold text-slate-900"><UserText>{t.name}</UserText></span>
              <code className="font-mono text-slate-700">{t.prefix}…</code>
              <span className="text-slate-600">by <UserText>{t.createdByName}</UserText>, {formatUtcDateMinute(t.createdAt)}</span>
              <span className="text-xs text-slate-600">{(t.scopes ?? ["metrics:write"]).join(", ")} · last used {t.lastUsedAt ? formatUtcDateMinute(t.lastUsedAt) : "never"}</span>
              {t.revokedAt ? (
                <span className="text-slate-600">revoked by <UserText>{t.revokedByName}</UserText></span>
              ) : (
                <Button variant="ghost" className="ml-auto text-red-800" onClick={() => setRevoking(t)}><span>Revoke “<UserText>{t.name}</UserText>”…</span></Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && <p role="alert" className="text-sm text-red-800">⚠ {error}</p>}
    </div>
  );
}
