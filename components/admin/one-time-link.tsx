"use client";
import { ACCESS_LINK_TTL_HOURS } from "@/lib/auth/access-link-ttl";

/** A one-time link's only showing: Warroom keeps just its hash, so it cannot be shown again. */
export function OneTimeLink({ label, url }: { label: string; url: string }) {
  return (
    <div role="status" className="space-y-1 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
      <p>✓ {label}</p>
      <input
        readOnly
        value={url}
        aria-label="One-time link"
        data-testid="one-time-link"
        className="w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs"
        onFocus={(event) => event.currentTarget.select()}
      />
      <p className="text-xs">It works once and expires in {ACCESS_LINK_TTL_HOURS} hours; it will not be shown again.</p>
    </div>
  );
}
