"use client";
// The one rollback action. The header, the ROLLBACK RECOMMENDED banner and a decision guide that ends
// in ROLLBACK each offer it with the same words and the same confirmation (what will happen, and the
// reason for the record); only the command behind it differs (a status move, the banner's decision,
// the guide's outcome). Once rolled back, the rollback notice opens for the lead to check and post.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { openComposer } from "@/components/comms/composer-store";

/** The words of the action, everywhere it is offered. */
export const ROLL_BACK_LABEL = "Roll back…";

export const ROLL_BACK_CONSEQUENCES = [
  "The run moves to Rolled back and ends: no more checklist, rollout steps or votes.",
  "The war room, the bridge and every status link show ROLLED BACK at once.",
  "The rollback notice opens for you to check and post; nothing is announced by itself.",
  "This records the decision: putting the previous version back is still your rollback procedure.",
] as const;

type TProps = {
  runName: string;
  /** Acts; resolves to an error to show, or null once the run is rolled back. */
  onRollBack: (reason: string) => Promise<string | null>;
  /** A guide's trail is its reason: shown, not asked for. */
  fixedReason?: string;
  /** What the rollback notice's issue field starts from when there is no typed reason. */
  issue?: string;
  /** Why the rollback notice opened, shown above it. */
  notice?: string;
  variant?: "danger" | "secondary";
  className?: string;
  disabled?: boolean;
};

export function RollBackButton({ runName, onRollBack, fixedReason, issue, notice = "The run was rolled back: tell everyone now.", variant = "danger", className = "", disabled }: TProps) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <Button variant={variant} className={className} disabled={disabled} onClick={() => setIsOpen(true)} data-action="roll-back">
        <span aria-hidden="true">⟲ </span>{ROLL_BACK_LABEL}
      </Button>
      {isOpen && (
        <ConfirmDialog
          testId="roll-back-dialog"
          title={`Roll back “${runName}”?`}
          consequences={fixedReason ? [...ROLL_BACK_CONSEQUENCES, `Reason on the record: ${fixedReason}`] : ROLL_BACK_CONSEQUENCES}
          confirmLabel="Roll back"
          reason={fixedReason ? undefined : { label: "Why roll back? (on the record)", isRequired: true, placeholder: "Canary error rate 7.5% for 6 minutes" }}
          onConfirm={async (reason) => {
            const problem = await onRollBack(reason);
            if (!problem) openComposer("rollback", { issueDescription: issue || reason || fixedReason || "" }, notice);
            return problem;
          }}
          onClose={() => setIsOpen(false)}
        />
      )}
    </>
  );
}
