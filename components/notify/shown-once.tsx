"use client";
// A signed webhook's secret, right after it was added: shown this once, to copy into the receiver.
import { CopyButton } from "@/components/comms/copy-button";

export function ShownOnceSecret({ secret }: { secret: string }) {
  return (
    <div role="status" className="space-y-1 rounded-md border border-amber-400 bg-amber-50 p-2 text-xs text-amber-950" data-testid="signing-secret">
      <p className="font-semibold">Signing secret: shown once. Copy it into the receiver now.</p>
      <code className="block break-all font-mono text-xs">{secret}</code>
      <CopyButton text={secret} label="Copy secret" />
    </div>
  );
}
