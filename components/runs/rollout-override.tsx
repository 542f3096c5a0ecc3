"use client";
// Stepping on while the metrics hold the checkpoint: possible (no rule gates this step, a feed is
// known to be down), but only deliberately — the lead writes why, and the reason is recorded on the
// timeline and in the record beside what held the checkpoint.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

const MIN_REASON = 10;

export function RolloutOverride({ nextPercent, onAdvance }: { nextPercent: number; onAdvance: (overrideReason: string) => Promise<boolean> }) {
  const [isOpen, setIsOpen] = useState(false);
  const [reason, setReason] = useState("");
  if (!isOpen) {
    return (
      <Button className="mt-2" variant="secondary" onClick={() => setIsOpen(true)} data-testid="rollout-override-open">
        Step to {nextPercent}% without verified metrics…
      </Button>
    );
  }
  return (
    <form
      className="mt-2 flex flex-wrap items-end gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await onAdvance(reason.trim())) setIsOpen(false);
      }}
    >
      <div className="min-w-80 flex-1">
        <TextField
          id="rollout-override-reason"
          label={`Why is ${nextPercent}% safe without the metrics? (recorded)`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          minLength={MIN_REASON}
          required
        />
      </div>
      <Button type="submit" disabled={reason.trim().length < MIN_REASON}>
        Step to {nextPercent}%
      </Button>
      <Button type="button" variant="secondary" onClick={() => setIsOpen(false)}>
        Cancel
      </Button>
    </form>
  );
}
