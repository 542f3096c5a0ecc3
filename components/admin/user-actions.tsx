"use client";
import { useState, useTransition } from "react";
import { issuePasswordResetAction, setUserDisabledAction } from "@/lib/auth/actions";
import { Button } from "@/components/ui/button";
import { OneTimeLink } from "./one-time-link";

/** Disable or re-enable an account, or issue a one-time password reset link for it. */
export function UserActions({ userId, userName, isDisabled }: { userId: string; userName: string; isDisabled: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [resetUrl, setResetUrl] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const run = (work: () => Promise<{ ok: true } | { ok: false; error: string }>) => {
    setError(null);
    startTransition(async () => {
      const result = await work();
      if (!result.ok) setError(result.error);
    });
  };
  return (
    <div className="space-y-1">
      <div className="flex gap-2">
        <Button
          variant="secondary"
          disabled={isPending}
          aria-label={`${isDisabled ? "Enable" : "Disable"} ${userName}`}
          onClick={() => run(() => setUserDisabledAction(userId, !isDisabled))}
        >
          {isDisabled ? "Enable" : "Disable"}
        </Button>
        {!isDisabled && (
          <Button
            variant="secondary"
            disabled={isPending}
            aria-label={`Reset password of ${userName}`}
            onClick={() =>
              run(async () => {
                const result = await issuePasswordResetAction(userId);
                if (result.ok) setResetUrl(result.data.resetUrl);
                return result;
              })
            }
          >
            Reset password
          </Button>
        )}
      </div>
      {resetUrl && <OneTimeLink label={`Send ${userName} this link to choose a new password:`} url={resetUrl} />}
      {error && <p role="alert" className="text-xs text-red-800">⚠ {error}</p>}
    </div>
  );
}
