"use client";
// The runbook's manual rollback triggers as buttons for leads; pulling one needs a note.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { TAck } from "@/lib/realtime/events";
import type { TRunCommandName } from "@/lib/realtime/client/use-run";

export type TSend = (name: TRunCommandName, input: Record<string, unknown>) => Promise<TAck<{ seq: number }>>;

export function ManualTriggers({ labels, send }: { labels: string[]; send: TSend }) {
  const [open, setOpen] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  if (labels.length === 0) return null;

  async function pull(label: string) {
    setIsBusy(true);
    setError(null);
    const reply = await send("rollback:trigger", { label, note: note.trim() });
    setIsBusy(false);
    if ("error" in reply) return setError(reply.error.message);
    setOpen(null);
    setNote("");
  }

  return (
    <div data-testid="manual-triggers">
      <h3 className="text-sm font-bold tracking-wide text-slate-700 uppercase">Manual rollback triggers</h3>
      <div className="mt-1 flex flex-wrap gap-2">
        {labels.map((label) => (
          <Button key={label} variant="secondary" className="border-red-300 text-red-800" onClick={() => { setOpen(label); setError(null); }}>
            ⟲ {label}
          </Button>
        ))}
      </div>
      {open && (
        <form
          className="mt-2 flex flex-wrap gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void pull(open);
          }}
        >
          <label htmlFor="trigger-note" className="sr-only">What was seen ({open})</label>
          <input
            id="trigger-note"
            autoFocus
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={`${open}: what did you see? (required)`}
            className="min-w-64 flex-1 rounded-md border border-slate-400 px-2 py-1 text-sm"
          />
          <Button type="submit" variant="danger" disabled={!note.trim() || isBusy}>Pull “{open}”</Button>
          <Button type="button" variant="ghost" onClick={() => setOpen(null)}>Cancel</Button>
        </form>
      )}
      {error && <p role="alert" className="mt-1 text-sm text-red-800">⚠ {error}</p>}
    </div>
  );
}
