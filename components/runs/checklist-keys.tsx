"use client";
// The keyboard path through the checklist, for a lead who keeps their hands on the keys:
// j / k move between items, n jumps to the next open one, x ticks or undoes, s skips, f fails.
// Keys act on the item that has focus; typing in a field is never intercepted.
import { useEffect } from "react";

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

export function useChecklistKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const items = [...document.querySelectorAll(ITEM)];
      if (items.length === 0) return;
      const current = (document.activeElement as HTMLElement | null)?.closest(ITEM) ?? null;
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
];

export function KeyboardHelp() {
  return (
    <details className="rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm text-slate-800" data-testid="keyboard-help">
      <summary className="cursor-pointer font-semibold">Keyboard</summary>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {KEYS.map(([key, what]) => (
          <div key={key} className="contents">
            <dt><kbd className="rounded border border-slate-300 bg-slate-100 px-1 font-mono">{key}</kbd></dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
