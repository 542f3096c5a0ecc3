"use client";
import { useState } from "react";

/** A runbook command, monospace, copied with one click. */
export function CommandBlock({ command }: { command: string }) {
  const [isCopied, setIsCopied] = useState(false);
  return (
    <div className="relative mt-2">
      <pre className="rounded-md bg-slate-900 p-3 pr-20 font-mono text-sm break-words whitespace-pre-wrap text-slate-100">{command}</pre>
      <button
        type="button"
        onClick={async () => {
          await navigator.clipboard?.writeText(command).catch(() => undefined);
          setIsCopied(true);
          setTimeout(() => setIsCopied(false), 1500);
        }}
        className="absolute top-2 right-2 rounded bg-slate-700 px-2 py-1 text-xs font-semibold text-white hover:bg-slate-600"
      >
        {isCopied ? "Copied ✓" : "Copy"}
      </button>
    </div>
  );
}
