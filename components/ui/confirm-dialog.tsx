"use client";
// One confirmation for every loud or irreversible action (roll back, abort, reschedule, close a poll,
// revoke a status link): it names the action, says what will happen in plain lines, asks for a reason
// where the record needs one, and only then acts. Escape or Cancel leaves everything as it was, and
// focus goes back to the button that opened it.
import { useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { Button } from "./button";

export type TConfirmReason = { label: string; isRequired: boolean; placeholder?: string; initial?: string };

type TProps = {
  title: string;
  /** What will happen, one consequence per line. */
  consequences: readonly string[];
  confirmLabel: string;
  tone?: "danger" | "primary";
  reason?: TConfirmReason;
  /** Acts; resolves to an error to show (the dialog stays open), or null when done (it closes). */
  onConfirm: (reason: string) => Promise<string | null>;
  onClose: () => void;
  testId?: string;
  /** Fields the action needs besides the reason (a reschedule's new window), shown above it. */
  children?: React.ReactNode;
};

export function ConfirmDialog({ title, consequences, confirmLabel, tone = "danger", reason, onConfirm, onClose, testId = "confirm-dialog", children }: TProps) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [text, setText] = useState(reason?.initial ?? "");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    box.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      e.stopPropagation();
      onCloseRef.current();
    };
    document.addEventListener("keydown", onKey, true);
    return () => {
      document.removeEventListener("keydown", onKey, true);
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const isMissingReason = Boolean(reason?.isRequired && !text.trim());

  async function confirm() {
    if (isMissingReason || isBusy) return;
    setIsBusy(true);
    setError(null);
    const problem = await onConfirm(text.trim());
    setIsBusy(false);
    if (problem) setError(problem);
    else onCloseRef.current();
  }

  // On <body>: the war room's sticky header is a stacking context a modal must sit above.
  return createPortal(
    <div className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-slate-900/60 p-4" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-what`} data-testid={testId} className="mt-24 w-full max-w-lg rounded-lg bg-white p-5 text-slate-900 shadow-xl">
        <h2 id={`${id}-title`} className="text-xl font-bold">{title}</h2>
        <div id={`${id}-what`}>
          <p className="mt-2 text-sm font-semibold text-slate-700">What will happen:</p>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-800" data-testid="confirm-consequences">
            {consequences.map((line) => <li key={line}>{line}</li>)}
          </ul>
        </div>
        <form
          className="mt-4 space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          {children}
          {reason && (
            <label className="block text-sm font-semibold text-slate-900">
              {reason.label}
              {!reason.isRequired && <span className="font-normal text-slate-600"> (optional)</span>}
              <textarea
                data-autofocus
                rows={2}
                maxLength={1000}
                value={text}
                placeholder={reason.placeholder}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => {
                  // Enter confirms, as in the one-line fields it replaces; Shift+Enter is a new line.
                  if (e.key === "Enter" && !e.shiftKey) {
                    e.preventDefault();
                    void confirm();
                  }
                }}
                className="mt-1 block w-full rounded-md border border-slate-400 px-2 py-1 font-normal"
              />
            </label>
          )}
          {error && <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">⚠ {error}</p>}
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="ghost" onClick={onClose} {...(reason ? {} : { "data-autofocus": true })}>Cancel</Button>
            <Button type="submit" variant={tone} disabled={isMissingReason || isBusy}>{isBusy ? "Working…" : confirmLabel}</Button>
          </div>
        </form>
      </div>
    </div>,
    document.body,
  );
}
