"use client";
// A lead's status links for one run: create one (label, expiry, charts), see its address once, and
// the list with each link's state and last use, each revocable in one click.
import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Card } from "@/components/ui/card";
import { FormError, TextField } from "@/components/ui/field";
import { useServerNow } from "@/lib/realtime/client/server-clock";
import { formatUtcDateTime } from "@/lib/domain/time-format";
import { createShareLinkAction, revokeShareLinkAction, type TCreatedShareLink } from "@/lib/share/server/actions";
import { shareLinkState, type TShareLinkState, type TShareLinkView, type TShareRun } from "@/lib/domain/share-links";
import { UserText } from "@/components/ui/user-text";

const STATE_LOOK: Record<TShareLinkState, { label: string; className: string }> = {
  active: { label: "Active", className: "bg-emerald-100 text-emerald-900" },
  expired: { label: "Expired", className: "bg-slate-200 text-slate-800" },
  revoked: { label: "Revoked", className: "bg-red-100 text-red-900" },
};

type TProps = { run: TShareRun; links: TShareLinkView[]; renderedAt: string };

export function ShareLinksManager({ run, links, renderedAt }: TProps) {
  const now = useServerNow(renderedAt, { intervalMs: 30_000 });
  const [created, setCreated] = useState<TCreatedShareLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const [revoking, setRevoking] = useState<TShareLinkView | null>(null);

  function onCreate(form: FormData) {
    setError(null);
    const expires = String(form.get("expiresAt") ?? "");
    const input = {
      runId: run.id,
      label: String(form.get("label") ?? ""),
      // datetime-local is the browser's local time: send an exact instant.
      expiresAt: expires ? new Date(expires).toISOString() : undefined,
      includeCharts: form.get("includeCharts") === "on",
    };
    startTransition(async () => {
      const result = await createShareLinkAction(input);
      if (result.ok) setCreated(result.data);
      else setError(result.error);
    });
  }

  /** Revokes after the confirmation; resolves to the refusal to show in it, or null. */
  async function revoke(link: TShareLinkView): Promise<string | null> {
    setError(null);
    const result = await revokeShareLinkAction({ runId: run.id, linkId: link.id });
    if (!result.ok) return result.error;
    if (created?.link.id === link.id) setCreated(null);
    return null;
  }

  return (
    <div className="space-y-6">
      {revoking && (
        <ConfirmDialog
          testId="revoke-dialog"
          title={`Revoke “${revoking.label}”?`}
          consequences={[
            "Pages open on this link say “This link is no longer valid” within a second.",
            "The address never works again: to share the run again, create a new link.",
            "Other status links of this run keep working.",
          ]}
          confirmLabel="Revoke link"
          onConfirm={() => revoke(revoking)}
          onClose={() => setRevoking(null)}
        />
      )}
      <div>
        <p className="text-sm text-slate-700">
          <Link href={`/runs/${run.id}`} className="underline">← <UserText>{run.name}</UserText></Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold text-slate-900">Status links</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">
          A status link lets someone without an account follow this deployment live: phase, progress, status light, expected finish,
          go/no-go outcome, announcements and, if you choose, the key charts. It never shows commands, notes, emails or tokens.
        </p>
      </div>

      <Card>
        <form action={onCreate} className="grid gap-4 md:grid-cols-[2fr_2fr_auto] md:items-start" aria-label="New status link">
          <TextField id="share-label" name="label" label="Label (who it is for)" required maxLength={100} placeholder="e.g. Customer success team" />
          <div>
            <TextField id="share-expires" name="expiresAt" type="datetime-local" label="Expires (your local time)" />
            <p className="mt-1 text-xs text-slate-600">Empty: {formatUtcDateTime(run.defaultExpiry)}, 24 h after the planned window.</p>
          </div>
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800 md:pt-8">
            <input type="checkbox" name="includeCharts" className="h-4 w-4" /> Include charts
          </label>
          <div className="md:col-span-3 space-y-3">
            <FormError message={error} />
            <Button type="submit" disabled={isPending}>{isPending ? "Working…" : "Create link"}</Button>
          </div>
        </form>
      </Card>

      {created && <CreatedLink created={created} />}

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">Links for this run</h2>
        {links.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">No links yet.</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-600 uppercase">
                <tr>
                  <th className="py-2 pr-4">Label</th>
                  <th className="py-2 pr-4">State</th>
                  <th className="py-2 pr-4">Expires</th>
                  <th className="py-2 pr-4">Last used</th>
                  <th className="py-2 pr-4">Created</th>
                  <th className="py-2 pr-4">Charts</th>
                  <th className="py-2"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {links.map((link) => {
                  const state = shareLinkState(link, now);
                  return (
                    <tr key={link.id} className="border-t border-slate-200" data-testid="share-link-row" data-state={state}>
                      <td className="py-2 pr-4 font-medium break-words text-slate-900"><UserText>{link.label}</UserText></td>
                      <td className="py-2 pr-4">
                        <span className={`rounded px-2 py-0.5 text-xs font-semibold ${STATE_LOOK[state].className}`}>{STATE_LOOK[state].label}</span>
                      </td>
                      <td className="py-2 pr-4 whitespace-nowrap">{formatUtcDateTime(link.expiresAt)}</td>
                      <td className="py-2 pr-4 whitespace-nowrap" data-testid="share-link-last-used">{link.lastUsedAt ? formatUtcDateTime(link.lastUsedAt) : "Never"}</td>
                      <td className="py-2 pr-4"><UserText>{link.createdByName}</UserText>, {formatUtcDateTime(link.createdAt)}</td>
                      <td className="py-2 pr-4">{link.includeCharts ? "Yes" : "No"}</td>
                      <td className="py-2 text-right">
                        {state === "active" ? (
                          <Button variant="danger" className="px-3 py-1" disabled={isPending} onClick={() => setRevoking(link)} aria-label={`Revoke “${link.label}”`}>
                            Revoke…
                          </Button>
                        ) : link.revokedByName ? (
                          <span className="text-xs text-slate-600">by <UserText>{link.revokedByName}</UserText></span>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

/** The new link's address, shown this once (only its hash is stored). */
function CreatedLink({ created }: { created: TCreatedShareLink }) {
  const [isCopied, setIsCopied] = useState(false);
  return (
    <Card className="border-emerald-300 bg-emerald-50">
      <p role="status" className="text-sm font-semibold text-emerald-900">
        ✓ Link “<UserText>{created.link.label}</UserText>” created. Copy it now: it is shown only once.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <input
          readOnly
          value={created.url}
          aria-label="New status link"
          data-testid="share-link-url"
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        />
        <Button
          variant="secondary"
          type="button"
          onClick={() => void navigator.clipboard?.writeText(created.url).then(() => setIsCopied(true), () => setIsCopied(false))}
        >
          {isCopied ? "Copied" : "Copy"}
        </Button>
      </div>
    </Card>
  );
}
