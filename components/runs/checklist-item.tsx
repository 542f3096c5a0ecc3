"use client";
import { useRef, useState } from "react";
import type { TItemAction, TItemState } from "@/lib/domain/checklist";
import type { TSnapshotItem } from "@/lib/domain/run-snapshot";
import { formatUtcClock } from "@/lib/domain/time-format";
import { CommandBlock } from "./command-block";
import { UserText } from "@/components/ui/user-text";
import { SendStateNote, type TSendState } from "@/components/realtime/send-state-note";

const STATE_LOOK: Record<TItemState, { icon: string; label: string; box: string; text: string }> = {
  open: { icon: "☐", label: "Open", box: "border-slate-500 bg-white text-slate-500", text: "text-slate-900" },
  done: { icon: "✓", label: "Done", box: "border-emerald-700 bg-emerald-700 text-white", text: "text-slate-600 line-through" },
  skipped: { icon: "⤼", label: "Skipped", box: "border-amber-600 bg-amber-100 text-amber-900", text: "text-slate-600" },
  failed: { icon: "✕", label: "Failed", box: "border-red-700 bg-red-700 text-white", text: "text-red-900" },
};

type TProps = {
  item: TSnapshotItem;
  canTick: boolean;
  /** Where this screen's own change stands, while it is not simply done (use-item-sender.ts). */
  sendState?: TSendState;
  onAction: (item: TSnapshotItem, action: TItemAction) => void;
};

/** One runbook line: tick with one click (or Enter/Space, or x — see checklist-keys), skip with a reason, fail with a note, undo. */
export function ChecklistItem({ item, canTick, sendState, onAction }: TProps) {
  const [mode, setMode] = useState<"skip" | "fail" | null>(null);
  const [text, setText] = useState("");
  const tickRef = useRef<HTMLButtonElement>(null);
  const look = STATE_LOOK[item.state];
  // The note's field goes away with its form: focus goes back to the item, so the next key works.
  const closeNote = () => {
    setMode(null);
    tickRef.current?.focus();
  };
  const submitNote = () => {
    if (!mode || !text.trim()) return;
    onAction(item, mode === "skip" ? { kind: "skip", reason: text.trim() } : { kind: "fail", note: text.trim() });
    closeNote();
    setText("");
  };
  return (
    <li
      className={`rounded-md border border-slate-200 bg-white p-3 ${item.depth ? "ml-8" : ""}`}
      data-testid="checklist-item"
      data-item-id={item.id}
      data-state={item.state}
    >
      <div className="flex items-start gap-3">
        <button
          ref={tickRef}
          type="button"
          data-action="tick"
          // Never disabled while sending: a disabled button drops keyboard focus mid-flow, and a click
          // then is queued behind the first (use-item-sender.ts), acting on the state shown.
          disabled={!canTick}
          aria-busy={sendState?.kind === "waiting" || sendState?.kind === "sending"}
          aria-label={item.state === "done" ? `Undo “${item.text}”` : `Mark “${item.text}” done`}
          aria-pressed={item.state === "done"}
          // A double-click is one gesture (a habit, not "tick then undo"); keys and separate clicks all count.
          onClick={(e) => e.detail < 2 && onAction(item, item.state === "open" ? { kind: "done" } : { kind: "reopen" })}
          className={`mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded border-2 text-lg font-bold disabled:cursor-not-allowed disabled:opacity-60 ${look.box}`}
        >
          <span aria-hidden="true">{item.state === "open" ? "" : look.icon}</span>
        </button>
        <div className="min-w-0 flex-1">
          <p className={`font-medium ${look.text}`}>
            <UserText>{item.text}</UserText>
            {!item.required && <span className="ml-2 text-xs font-normal text-slate-600">(optional)</span>}
          </p>
          {item.state !== "open" && (
            <p className="mt-0.5 text-sm text-slate-700" data-testid="item-status">
              <span className="font-semibold">{look.icon} {look.label}</span>
              {item.changedByName && <> by <UserText>{item.changedByName}</UserText></>}
              {item.changedAt && <> at {formatUtcClock(item.changedAt)}</>}
              {item.note && <> — “<UserText>{item.note}</UserText>”</>}
            </p>
          )}
          <SendStateNote state={sendState} />
          {item.command && <CommandBlock command={item.command} />}
          {item.expectedOutput && (
            <p className="mt-1 text-sm text-slate-700">
              Expected: <code className="font-mono text-slate-900">{item.expectedOutput}</code>
            </p>
          )}
          {mode && (
            <form
              className="mt-2 flex gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                submitNote();
              }}
            >
              <label className="sr-only" htmlFor={`note-${item.id}`}>
                {mode === "skip" ? "Reason for skipping" : "What failed"}
              </label>
              <input
                id={`note-${item.id}`}
                autoFocus
                value={text}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => e.key === "Escape" && closeNote()}
                placeholder={mode === "skip" ? "Reason for skipping (required)" : "What failed? (required)"}
                className="flex-1 rounded-md border border-slate-400 px-2 py-1 text-sm"
              />
              <button type="submit" disabled={!text.trim()} className="rounded-md bg-slate-800 px-3 py-1 text-sm font-semibold text-white disabled:opacity-50">
                {mode === "skip" ? "Skip" : "Mark failed"}
              </button>
            </form>
          )}
        </div>
        {canTick && item.state === "open" && !mode && (
          <div className="flex shrink-0 gap-1">
            <button type="button" data-action="skip" onClick={() => setMode("skip")} className="rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100" aria-label={`Skip “${item.text}”`}>
              Skip
            </button>
            <button type="button" data-action="fail" onClick={() => setMode("fail")} className="rounded px-2 py-1 text-sm text-red-800 hover:bg-red-50" aria-label={`Fail “${item.text}”`}>
              Fail
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
