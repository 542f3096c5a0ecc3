"use client";
// The keyboard path through the checklist, for a lead who keeps their hands on the keys:
// j / k move between items, n jumps to the next open one, x ticks or undoes, s skips, f fails,
// ? shows them all.
// Keys act on the item that has focus; typing in a field is never intercepted.
import { useEffect, useRef, useState } from "react";

const ITEM = '[data-testid="checklist-item"]';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

function focusItem(item: Element | undefined) {
  const tick = item?.querySelector<HTMLButtonElement>('[data-action="tick"]');
  if (!tick) return;
  tick.focus();
  tick.scrollIntoView({ block: "nearest" });
}

export function useChecklistKeys(onHelp: () => void): void {
  const onHelpRef = useRef(onHelp);
  onHelpRef.current = onHelp;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (event.key === "?") {
        event.preventDefault();
        onHelpRef.current();
        return;
      }
      // Only the items on screen: a folded phase or section is out of the keyboard path until opened.
      const items = [...document.querySelectorAll<HTMLElement>(ITEM)].filter((el) => el.checkVisibility?.() ?? el.offsetParent !== null);
      if (items.length === 0) return;
      const current = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>(ITEM) ?? null;
      const index = current ? items.indexOf(current) : -1;
      const press = (action: string) => current?.querySelector<HTMLButtonElement>(`[data-action="${action}"]:not(:disabled)`)?.click();
      switch (event.key) {
        case "j":
          focusItem(items[Math.min(index + 1, items.length - 1)]);
          break;
        case "k":
          focusItem(items[Math.max(index - 1, 0)]);
          break;
        case "n": {
          const after = [...items.slice(index + 1), ...items.slice(0, index + 1)];
          focusItem(after.find((el) => el.getAttribute("data-state") === "open"));
          break;
        }
        case "x":
          press("tick");
          break;
        case "s":
          press("skip");
          break;
        case "f":
          press("fail");
          break;
        default:
          return;
      }
      // The key did its job: keep it from also typing into a field that just opened.
      event.preventDefault();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}

const KEYS: [string, string][] = [
  ["j / k", "next / previous item"],
  ["n", "next open item"],
  ["x", "tick or undo"],
  ["s", "skip (asks why)"],
  ["f", "mark failed (asks what)"],
  ["Enter / Space", "tick or undo the focused item"],
  ["?", "show these keys"],
];

function KeyList() {
  return (
    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
      {KEYS.map(([key, what]) => (
        <div key={key} className="contents">
          <dt><kbd className="rounded border border-slate-300 bg-slate-100 px-1 font-mono">{key}</kbd></dt>
          <dd>{what}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The `?` overlay: every key at once; Escape or the button closes it and focus goes back. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const [returnTo] = useState(() => (typeof document === "undefined" ? null : (document.activeElement as HTMLElement | null)));
  // Once per opening (the war room re-renders every second): focus in, and back where it was on close.
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" || e.key === "?") {
        e.preventDefault();
        e.stopPropagation();
        onCloseRef.current();
      }
    };
    document.addEventListener("keydown", onKey, true);
    return () => {
      document.removeEventListener("keydown", onKey, true);
      returnTo?.focus();
    };
  }, [returnTo]);
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/50 p-4" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        className="w-full max-w-sm rounded-lg bg-white p-5 text-slate-900 shadow-xl"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="shortcuts-title" className="text-lg font-bold">Keyboard shortcuts</h2>
        <p className="mt-1 text-sm text-slate-700">They act on the focused checklist item.</p>
        <div className="mt-3 text-sm"><KeyList /></div>
        <button ref={closeRef} type="button" onClick={onClose} className="mt-4 rounded-md bg-slate-800 px-3 py-1.5 text-sm font-semibold text-white">
          Close (Esc)
        </button>
      </div>
    </div>
  );
}

export function KeyboardHelp() {
  return (
    <details className="rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm text-slate-800" data-testid="keyboard-help">
      <summary className="cursor-pointer font-semibold">Keyboard <span className="font-normal text-slate-600">(press ?)</span></summary>
      <KeyList />
    </details>
  );
}
