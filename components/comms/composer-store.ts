"use client";
// Which announcement the composer should open with, shared by everything that can ask for it (the
// comms panel's buttons, the update-due nag, a decision guide that just rolled the run back).
import { useSyncExternalStore } from "react";
import type { TCommsTemplateKey } from "@/lib/domain/comms-events";

export type TComposerRequest = {
  key: TCommsTemplateKey;
  /** Values to start from instead of the live ones (e.g. the issue a decision guide saw). */
  fields: Record<string, string>;
  /** Why it opened, shown above the message ("The run was rolled back: tell people"). */
  reason: string | null;
};

let current: TComposerRequest | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

export function openComposer(key: TCommsTemplateKey, fields: Record<string, string> = {}, reason: string | null = null): void {
  current = { key, fields, reason };
  notify();
}

export function closeComposer(): void {
  current = null;
  notify();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useComposerRequest(): TComposerRequest | null {
  return useSyncExternalStore(subscribe, () => current, () => null);
}
