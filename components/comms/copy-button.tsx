"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies text to the clipboard (with a fallback for browsers that refuse the async API), and says so. */
export function CopyButton({ text, label = "Copy to clipboard", variant = "secondary" }: { text: string; label?: string; variant?: "secondary" | "ghost" }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      const isCopied = document.execCommand("copy");
      area.remove();
      setState(isCopied ? "copied" : "failed");
    }
    setTimeout(() => setState("idle"), 2500);
  }

  return (
    <Button type="button" variant={variant} onClick={() => void copy()} aria-live="polite">
      {state === "copied" ? "✓ Copied" : state === "failed" ? "Copy failed: select and copy" : label}
    </Button>
  );
}
