"use client";
// A lead rewords one of the run's templates: {{field}} placeholders are filled from the live run.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { MessageTextArea } from "@/components/ui/field";
import type { TSend } from "@/components/poll/look";
import type { TCommsTemplateView } from "@/lib/domain/comms-events";
import { isKnownField, templateFields } from "@/lib/domain/comms-fields";
import { CommsFieldList } from "./comms-field-list";
import { UserText } from "@/components/ui/user-text";

export function TemplateEditor({ template, send, onSaved }: { template: TCommsTemplateView; send: TSend; onSaved: () => void }) {
  const [body, setBody] = useState(template.body);
  const [baseVersion, setBaseVersion] = useState(template.version);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const unknown = templateFields(body).filter((f) => !isKnownField(f));
  const isChanged = body !== template.body;

  async function save(next: string) {
    setIsSaving(true);
    setMessage(null);
    const reply = await send("comms:template-save", { key: template.key, body: next, version: baseVersion });
    setIsSaving(false);
    if ("error" in reply) {
      // Someone else saved first: show their wording and let the lead redo the edit on it.
      setMessage({ kind: "error", text: reply.error.message });
      setBody(template.body);
      setBaseVersion(template.version);
      return;
    }
    setBaseVersion(baseVersion + 1);
    setBody(next);
    setMessage({ kind: "ok", text: "Saved: this run's announcements use it from now on." });
    onSaved();
  }

  return (
    <div className="space-y-3" data-testid="template-editor">
      <h3 className="font-bold text-slate-900">Template: <UserText>{template.title}</UserText></h3>
      <MessageTextArea id="template-body" label="Template text" value={body} onTextChange={setBody} />
      {unknown.length > 0 && <p className="text-sm font-semibold text-amber-800">Unknown fields (they will show —): {unknown.map((f) => `{{${f}}}`).join(", ")}</p>}
      <CommsFieldList summary="Fields you can use" />
      {message && (
        <p role={message.kind === "error" ? "alert" : "status"} className={`text-sm ${message.kind === "error" ? "text-red-800" : "text-emerald-800"}`}>
          {message.text}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => void save(body)} disabled={isSaving || !isChanged || !body.trim()}>Save template</Button>
        <Button variant="secondary" onClick={() => void save(template.runbookBody)} disabled={isSaving || template.body === template.runbookBody}>
          Reset to the runbook's text
        </Button>
      </div>
    </div>
  );
}
