"use client";
// "Mark faulty…" on a completed run's record: asks for the finding, then runs the same command as
// POST /api/v1/runs/{id}/faulty. The page redraws from the server once it is recorded.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { markRunFaultyAction } from "@/lib/runs/faulty-actions";

const CONSEQUENCES = [
  "The deployment is recorded as faulty, with your name and reason, on its record and timeline.",
  "It counts as a failed change in the change failure rate (Insights).",
  "It cannot be undone: a later fix is a new run.",
] as const;

export function MarkFaulty({ runId, runName }: { runId: string; runName: string }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <Button variant="danger" onClick={() => setIsOpen(true)} data-testid="mark-faulty">Mark faulty…</Button>
      {isOpen && (
        <ConfirmDialog
          testId="mark-faulty-dialog"
          title={`Mark “${runName}” faulty?`}
          consequences={CONSEQUENCES}
          confirmLabel="Mark faulty"
          reason={{ label: "What was found wrong? (on the record)", isRequired: true, placeholder: "Checkout errors rose to 3% an hour after release" }}
          onConfirm={async (reason) => {
            const result = await markRunFaultyAction(runId, reason);
            if (!result.ok) return result.error;
            router.refresh();
            return null;
          }}
          onClose={() => setIsOpen(false)}
        />
      )}
    </>
  );
}
