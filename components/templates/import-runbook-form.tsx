"use client";
// Import a Markdown runbook (upload or paste): preview what is understood and what is not, then
// create the template. Changing the text drops the preview, so what is created is what was previewed.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import { importRunbookAction, previewRunbookAction } from "@/lib/templates/actions";
import type { TRunbookPreview } from "@/lib/templates/runbooks";
import { UserText } from "@/components/ui/user-text";
import { ImportPreview } from "./import-preview";

export function ImportRunbookForm() {
  const router = useRouter();
  const textId = useId();
  const [markdown, setMarkdown] = useState("");
  const [name, setName] = useState("");
  const [preview, setPreview] = useState<TRunbookPreview | null>(null);
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const input = () => ({ markdown, ...(name.trim() && { name: name.trim() }) });
  const changed = (next: () => void) => {
    next();
    setPreview(null);
    setCreated(null);
    setError(null);
  };

  const onPreview = () =>
    startTransition(async () => {
      const result = await previewRunbookAction(input());
      setError(result.ok ? null : result.error);
      setPreview(result.ok ? result.data : null);
    });
  const onCreate = () =>
    startTransition(async () => {
      const result = await importRunbookAction(input());
      if (!result.ok) return setError(result.error);
      setCreated(result.data);
      setPreview(null);
      router.refresh();
    });

  return (
    <div className="space-y-4" aria-label="Import a Markdown runbook" role="group">
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor={`${textId}-file`} className="block text-sm font-medium text-slate-800">Runbook file (.md)</label>
          <input
            id={`${textId}-file`}
            type="file"
            accept=".md,.markdown,text/markdown,text/plain"
            className="mt-1 block w-full text-sm text-slate-800 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:font-semibold"
            onChange={async (event) => {
              const file = event.currentTarget.files?.[0];
              if (file) {
                const text = await file.text();
                changed(() => setMarkdown(text));
              }
            }}
          />
        </div>
        <TextField id={`${textId}-name`} label="Template name (default: the runbook's # title)" value={name} maxLength={200} onChange={(e) => changed(() => setName(e.target.value))} />
      </div>
      <div>
        <label htmlFor={textId} className="block text-sm font-medium text-slate-800">…or paste the Markdown</label>
        <textarea
          id={textId}
          value={markdown}
          onChange={(e) => changed(() => setMarkdown(e.target.value))}
          rows={markdown ? 8 : 4}
          spellCheck={false}
          placeholder={"## Pre-Deployment (1 hour)\n### System Verification (15 minutes)\n- [ ] Backup created"}
          className="mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm"
        />
      </div>
      <div className="flex flex-wrap gap-3">
        <Button type="button" variant="secondary" onClick={onPreview} disabled={isPending || !markdown.trim()}>
          {isPending && !preview ? "Reading…" : "Preview import"}
        </Button>
        {preview && (
          <Button type="button" onClick={onCreate} disabled={isPending}>
            {isPending ? "Creating…" : "Create template"}
          </Button>
        )}
      </div>
      <FormError message={error} />
      {preview && <ImportPreview preview={preview} />}
      {created && (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Created “<UserText>{created.name}</UserText>”.{" "}
          <Link href={`/templates/${created.id}/edit`} className="font-semibold underline">Open it in the editor</Link>
        </p>
      )}
    </div>
  );
}
