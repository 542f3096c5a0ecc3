"use client";
import { useRef, useState } from "react";
import type { TItemAction, TItemState } from "@/lib/domain/checklist";
import { describeLink, type TLinkStatus, type TLinkVerdict } from "@/lib/domain/item-links";
import type { TRolloutStep } from "@/lib/domain/rollout";
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

const LINK_LOOK: Record<TLinkVerdict, { icon: string; word: string; className: string }> = {
  passed: { icon: "●", word: "passing", className: "text-emerald-800" },
  breaching: { icon: "▲", word: "breaching", className: "text-red-800" },
  inconclusive: { icon: "◌", word: "not verified", className: "text-amber-900" },
};

type TProps = {
  item: TSnapshotItem;
  /** How the item's linked rule or checkpoint stands now; null for a plain item. */
  link: TLinkStatus | null;
  rolloutSteps: readonly TRolloutStep[];
  canTick: boolean;
  /** The phase's next open item: marked, so the eye lands on it. */
  isNext?: boolean;
  /** Where this screen's own change stands, while it is not simply done (use-item-sender.ts). */
  sendState?: TSendState;
  onAction: (item: TSnapshotItem, action: TItemAction) => void;
};

/** One runbook line: tick with one click (or Enter/Space, or x — see checklist-keys), skip with a reason, fail with a note, undo. */
export function ChecklistItem({ item, link, rolloutSteps, canTick, isNext = false, sendState, onAction }: TProps) {
  const [mode, setMode] = useState<"skip" | "fail" | "override" | null>(null);
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
    const reason = text.trim();
    onAction(item, mode === "skip" ? { kind: "skip", reason } : mode === "fail" ? { kind: "fail", note: reason } : { kind: "done", reason });
    closeNote();
    setText("");
  };
  return (
    <li
      className={`scroll-mt-40 rounded-md border bg-white ${item.state === "open" || item.state === "failed" ? "p-3" : "px-3 py-1.5"} ${isNext ? "border-blue-600 ring-2 ring-blue-600" : "border-slate-200"} ${item.depth ? "ml-8" : ""}`}
      data-testid="checklist-item"
      data-item-id={item.id}
      data-state={item.state}
      data-next={isNext ? "true" : undefined}
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
          onClick={(e) => {
            if (e.detail >= 2) return;
            // Ticking against metrics that do not back it: show why, and ask for a reason, before anything is sent.
            if (item.state === "open" && link && link.verdict !== "passed") setMode("override");
            else onAction(item, item.state === "open" ? { kind: "done" } : { kind: "reopen" });
          }}
          className={`mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded border-2 text-lg font-bold disabled:cursor-not-allowed disabled:opacity-60 ${look.box}`}
        >
          <span aria-hidden="true">{item.state === "open" ? "" : look.icon}</span>
        </button>
        <div className="min-w-0 flex-1">
          <div className="flex items-baseline gap-2">
            {/* Beside the item's text, not in it: the text stays the runbook's words. */}
            {isNext && <span className="shrink-0 rounded bg-blue-700 px-1.5 py-0.5 text-xs font-bold text-white">NEXT</span>}
            <p className={`font-medium ${look.text}`}>
              <UserText>{item.text}</UserText>
              {!item.required && <span className="ml-2 text-xs font-normal text-slate-600">(optional)</span>}
            </p>
          </div>
          {item.metricLink && link && (
            <p className={`mt-0.5 text-sm ${LINK_LOOK[link.verdict].className}`} data-testid="item-link" data-verdict={link.verdict}>
              <span aria-hidden="true">{LINK_LOOK[link.verdict].icon} </span>
              Tied to {describeLink(item.metricLink, rolloutSteps)} — {LINK_LOOK[link.verdict].word}: {link.reason}
            </p>
          )}
          {item.state !== "open" && (
            <p className="mt-0.5 text-sm text-slate-700" data-testid="item-status">
              <span className="font-semibold">{look.icon} {look.label}</span>
              {item.changedByName && <> by <UserText>{item.changedByName}</UserText></>}
              {item.changedAt && <> at {formatUtcClock(item.changedAt)}</>}
              {item.overrideStatus && <span className="text-amber-900"> by hand while {item.overrideStatus}</span>}
              {item.note && <> — “<UserText>{item.note}</UserText>”</>}
            </p>
          )}
          <SendStateNote state={sendState} />
          {/* The command is the work of an open (or failed) item; once done or skipped it folds away. */}
          {(item.command || item.expectedOutput) &&
            (item.state === "open" || item.state === "failed" ? (
              <ItemCommand item={item} />
            ) : (
              <details className="mt-0.5 text-sm text-slate-700">
                <summary className="cursor-pointer">Command</summary>
                <ItemCommand item={item} />
              </details>
            ))}
          {mode === "override" && link && (
            <p role="alert" className="mt-2 rounded-md border border-amber-400 bg-amber-50 px-2 py-1 text-sm text-amber-950" data-testid="item-override-warning">
              Not verified by the metrics — {link.reason}{/[.?!]$/.test(link.reason) ? "" : "."} Ticking it by hand is recorded with your reason on the timeline and in the deployment record.
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
                {mode === "skip" ? "Reason for skipping" : mode === "fail" ? "What failed" : "Why tick it anyway"}
              </label>
              <input
                id={`note-${item.id}`}
                autoFocus
                value={text}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => e.key === "Escape" && closeNote()}
                placeholder={mode === "skip" ? "Reason for skipping (required)" : mode === "fail" ? "What failed? (required)" : "Why tick it anyway? (required)"}
                className="flex-1 rounded-md border border-slate-400 px-2 py-1 text-sm"
              />
              <button type="submit" disabled={!text.trim()} className="rounded-md bg-slate-800 px-3 py-1 text-sm font-semibold text-white disabled:opacity-50">
                {mode === "skip" ? "Skip" : mode === "fail" ? "Mark failed" : "Tick anyway"}
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

function ItemCommand({ item }: { item: TSnapshotItem }) {
  return (
    <>
      {item.command && <CommandBlock command={item.command} />}
      {item.expectedOutput && (
        <p className="mt-1 text-sm text-slate-700">
          Expected: <code className="font-mono text-slate-900">{item.expectedOutput}</code>
        </p>
      )}
    </>
  );
}
