"use client";
// The announcement composer: pick a template, check the fields filled from the live run (and fill
// the ones only a person knows), read the message, edit it if needed, then copy it or post it.
// Posting is one command; webhooks are sent after it commits and never hold the lead up.
import { useEffect, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { Button } from "@/components/ui/button";
import { MessageTextArea } from "@/components/ui/field";
import type { TSend } from "@/components/poll/look";
import { COMMS_FIELDS, fillTemplate, isKnownField, liveFieldValues, MISSING, templateFields } from "@/lib/domain/comms-fields";
import type { TCommsTemplateKey, TWebhookView } from "@/lib/domain/comms-events";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import { CopyButton } from "./copy-button";
import type { TComposerRequest } from "./composer-store";
import { TemplateEditor } from "./template-editor";
import { UserText } from "@/components/ui/user-text";

type TProps = {
  snapshot: TRunSnapshot;
  request: TComposerRequest;
  latestMetrics: Readonly<Record<string, number>>;
  previousCommit: string | null;
  globalWebhooks: TWebhookView[];
  now: Date;
  send: TSend;
  onClose: () => void;
};

const FIELD_INFO = new Map<string, (typeof COMMS_FIELDS)[number]>(COMMS_FIELDS.map((f) => [f.key, f]));

export function Composer({ snapshot, request, latestMetrics, previousCommit, globalWebhooks, now, send, onClose }: TProps) {
  const [key, setKey] = useState<TCommsTemplateKey>(request.key);
  // Only what the lead typed: untouched fields follow the live run (minutes remaining keep ticking).
  const [typed, setTyped] = useState<Record<string, string>>(request.fields);
  const [editedText, setEditedText] = useState<string | null>(null);
  const [isEditingTemplate, setIsEditingTemplate] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPosting, setIsPosting] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);

  const template = snapshot.comms.templates.find((t) => t.key === key) ?? snapshot.comms.templates[0];
  const live = useMemo(() => liveFieldValues(snapshot, { latestMetrics, previousCommit }, now), [snapshot, latestMetrics, previousCommit, now]);
  const values: Record<string, string | null> = { ...live, ...typed };
  const used = template ? templateFields(template.body) : [];
  const filled = template ? fillTemplate(template.body, values) : "";
  const text = editedText ?? filled;
  // The destinations sent on announcements (others are for rollbacks, status changes and the like).
  const targets = [...snapshot.comms.webhooks, ...globalWebhooks].filter((w) => w.isEnabled && w.triggers.includes("announcement.posted"));
  const missing = used.filter((f) => !(values[f] ?? "").trim());

  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  function chooseTemplate(next: TCommsTemplateKey) {
    setKey(next);
    setEditedText(null);
    setError(null);
  }

  async function post() {
    setIsPosting(true);
    setError(null);
    const fields = Object.fromEntries(used.map((f) => [f, (values[f] ?? "").trim() || null]));
    const reply = await send("comms:post", { templateKey: key, body: text, fields });
    setIsPosting(false);
    if ("error" in reply) setError(reply.error.message);
    else onClose();
  }

  if (!template) return null;
  // On <body>: the war room's sticky header and aside are stacking contexts a modal must sit above.
  return createPortal(
    <div className="fixed inset-0 z-40 flex items-start justify-center overflow-y-auto bg-slate-900/60 p-4 print:hidden" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby="composer-title" data-testid="comms-composer" className="my-6 w-full max-w-6xl rounded-lg bg-white shadow-xl">
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-6 py-4">
          <h2 id="composer-title" className="text-xl font-bold text-slate-900">Post an announcement</h2>
          <div role="tablist" aria-label="Template" className="flex flex-wrap gap-1">
            {snapshot.comms.templates.map((t) => (
              <button
                key={t.key}
                type="button"
                role="tab"
                aria-selected={t.key === key}
                data-autofocus={t.key === key ? "" : undefined}
                onClick={() => chooseTemplate(t.key)}
                className={`rounded-md px-3 py-1.5 text-sm font-semibold ${t.key === key ? "bg-slate-900 text-white" : "bg-slate-100 text-slate-800 hover:bg-slate-200"}`}
              >
                {t.title.replace(/:.*$/, "")}
              </button>
            ))}
          </div>
          <Button variant="ghost" className="ml-auto" onClick={onClose} aria-label="Close the composer">✕</Button>
        </div>
        {request.reason && <p className="border-b border-red-200 bg-red-50 px-6 py-2 text-sm font-semibold text-red-900" data-testid="composer-reason"><UserText>{request.reason}</UserText></p>}
        <div className="grid gap-6 px-6 py-5 lg:grid-cols-[22rem_minmax(0,1fr)]">
          <section aria-labelledby="composer-fields" className="space-y-3">
            <div className="flex items-baseline justify-between">
              <h3 id="composer-fields" className="font-bold text-slate-900">Fields</h3>
              <p className="text-xs text-slate-600">{template.cadence}</p>
            </div>
            {used.length === 0 && <p className="text-sm text-slate-600">This template has no fields.</p>}
            <ul className="max-h-[52vh] space-y-2 overflow-y-auto pr-1">
              {used.map((field) => {
                const info = FIELD_INFO.get(field);
                const value = values[field] ?? "";
                const isTyped = Object.hasOwn(typed, field);
                const id = `field-${field}`;
                return (
                  <li key={field}>
                    <label htmlFor={id} className="flex items-baseline justify-between gap-2 text-sm font-medium text-slate-800">
                      <span>{info?.label ?? field}</span>
                      <span className={`text-xs ${!value.trim() ? "font-semibold text-amber-800" : "text-slate-500"}`}>
                        {!isKnownField(field) ? "unknown field" : !value.trim() ? (info?.source === "manual" ? "you fill this in" : "no data yet") : isTyped ? "edited" : "live"}
                      </span>
                    </label>
                    <input
                      id={id}
                      value={value}
                      placeholder={info?.hint ?? MISSING}
                      onChange={(e) => {
                        setTyped((t) => ({ ...t, [field]: e.target.value }));
                        setEditedText(null);
                      }}
                      className={`mt-0.5 block w-full rounded-md border px-2 py-1 text-sm ${!value.trim() ? "border-amber-400 bg-amber-50" : "border-slate-300"}`}
                    />
                  </li>
                );
              })}
            </ul>
            <div className="border-t border-slate-200 pt-3">
              <Button variant="secondary" onClick={() => setIsEditingTemplate((v) => !v)} aria-expanded={isEditingTemplate}>
                {isEditingTemplate ? "Close template editor" : "Edit the template"}
              </Button>
              {template.version > 0 && <p className="mt-1 text-xs text-slate-600">This run's wording (edited by <UserText>{template.updatedByName}</UserText>).</p>}
            </div>
          </section>
          <section aria-labelledby="composer-message" className="min-w-0 space-y-3">
            {isEditingTemplate ? (
              <TemplateEditor template={template} send={send} onSaved={() => setEditedText(null)} />
            ) : (
              <>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 id="composer-message" className="font-bold text-slate-900">Message</h3>
                  {editedText !== null ? (
                    <p className="text-xs text-slate-700">
                      Edited by hand: field changes no longer apply.{" "}
                      <button type="button" className="font-semibold text-blue-800 underline" onClick={() => setEditedText(null)}>Refill from the template</button>
                    </p>
                  ) : (
                    missing.length > 0 && <p className="text-xs font-semibold text-amber-800" data-testid="composer-missing">{missing.length} {missing.length === 1 ? "field shows" : "fields show"} {MISSING}</p>
                  )}
                </div>
                <MessageTextArea
                  id="composer-text"
                  label="Message text"
                  value={text}
                  onTextChange={setEditedText}
                  className="bg-slate-50 text-slate-900"
                  data-testid="composer-text"
                />
                <p className="text-sm text-slate-700" data-testid="composer-targets">
                  {targets.length === 0
                    ? "No webhooks configured: posting puts it on the timeline and the status page; copy it to your chat."
                    : `Posting also sends it to ${targets.map((t) => `${t.name}${t.scope === "global" ? " (all runs)" : ""}`).join(", ")}: sent in the background, retried, shown on the announcement.`}
                </p>
                {error && <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">⚠ {error}</p>}
                <div className="flex flex-wrap gap-2">
                  <Button onClick={() => void post()} disabled={isPosting || !text.trim()}>{isPosting ? "Posting…" : "Post announcement"}</Button>
                  <CopyButton text={text} />
                  <Button variant="ghost" onClick={onClose}>Cancel</Button>
                </div>
              </>
            )}
          </section>
        </div>
      </div>
    </div>,
    document.body,
  );
}
