"use client";
import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import { ROLE_LABELS, type TRole } from "@/lib/domain/roles";
import { TIME_SCALES } from "@/lib/domain/time-scale";
import { formatBudget, formatUtcDateTime } from "@/lib/domain/time-format";
import { createRunAction } from "@/lib/runs/actions";
import { WindowConflictsNote } from "@/components/calendar/window-conflicts-note";
import { RUN_ROLE_KINDS, RUN_ROLE_LABELS } from "@/lib/runs/schemas";

export type TTemplateChoice = {
  id: string;
  name: string;
  isDefault: boolean;
  expectedDurationMinMinutes: number;
  expectedDurationMaxMinutes: number;
};
export type TUserChoice = { id: string; name: string; role: TRole };

const DEFAULT_DURATION_MIN = "420";

/** datetime-local has no zone: the browser knows the person's zone, so it turns it into an instant. */
function localToIso(local: string): string {
  const date = new Date(local);
  return local && !Number.isNaN(date.getTime()) ? date.toISOString() : "";
}

function Hint({ id, children }: { id: string; children: React.ReactNode }) {
  return <p id={id} className="mt-1 text-sm text-slate-600">{children}</p>;
}

export function NewRunForm({ templates, users, templateId }: { templates: TTemplateChoice[]; users: TUserChoice[]; templateId?: string }) {
  const [state, formAction, isPending] = useActionState(createRunAction, null);
  const [plannedLocal, setPlannedLocal] = useState("");
  const plannedIso = localToIso(plannedLocal);
  // Preselected when coming from a template's editor ("New run from this template").
  const [chosenId, setChosenId] = useState(templateId);
  const defaultTemplate = templates.find((t) => t.id === chosenId) ?? templates.find((t) => t.isDefault) ?? templates[0];
  // The fields that make the planned window, read from the form as they change (the conflict check's input).
  const [windowFields, setWindowFields] = useState({ service: "", duration: DEFAULT_DURATION_MIN, leadId: "" });

  return (
    <form
      // Dispatched by hand, not via action={…}: React resets a form after its action, and a failed
      // attempt must keep what was typed (select defaults do not survive that reset).
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
      onChange={(event) => {
        const data = new FormData(event.currentTarget);
        const field = (name: string) => String(data.get(name) ?? "");
        setWindowFields({ service: field("service"), duration: field("plannedDurationMin"), leadId: field("role_deployment_lead") });
      }}
      className="space-y-6"
      aria-label="New run"
    >
      <div className="grid gap-4 md:grid-cols-2">
        <TextField id="run-name" name="name" label="Name" required maxLength={200} placeholder="Checkout 2.4 release" />
        <TextField id="run-service" name="service" label="Service" required maxLength={100} placeholder="checkout-api" />
        <TextField id="run-version" name="targetVersion" label="Version" required maxLength={100} placeholder="v2.4.0" />
        <div>
          <TextField id="run-commit" name="commit" label="Commit" maxLength={40} aria-describedby="run-commit-hint" />
          <Hint id="run-commit-hint">Optional: the 7–40 character hash being deployed.</Hint>
        </div>
        <div>
          <TextField
            id="run-planned-start"
            name="plannedStartLocal"
            type="datetime-local"
            label="Planned start"
            required
            onChange={(e) => setPlannedLocal(e.currentTarget.value)}
            aria-describedby="run-planned-start-hint"
          />
          <input type="hidden" name="plannedStart" value={plannedIso} />
          <Hint id="run-planned-start-hint">
            Your local time.{plannedIso && <> Everyone sees it as <strong>{formatUtcDateTime(plannedIso)}</strong>.</>}
          </Hint>
        </div>
        <div>
          <TextField
            id="run-duration"
            name="plannedDurationMin"
            type="number"
            label="Expected duration (minutes)"
            required
            min={15}
            max={24 * 60}
            step={5}
            defaultValue={DEFAULT_DURATION_MIN}
            aria-describedby="run-duration-hint"
          />
          <Hint id="run-duration-hint">
            {defaultTemplate
              ? `The ${defaultTemplate.name} runbook expects ${formatBudget(defaultTemplate.expectedDurationMinMinutes, defaultTemplate.expectedDurationMaxMinutes)}.`
              : "How long the whole deployment is expected to take."}
          </Hint>
        </div>
        <SelectField id="run-template" name="templateId" label="Template" required defaultValue={defaultTemplate?.id} onChange={(e) => setChosenId(e.currentTarget.value)}>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>{t.name}{t.isDefault ? " (default)" : ""}</option>
          ))}
        </SelectField>
        <div>
          <SelectField id="run-time-scale" name="timeScale" label="Time" defaultValue="1" aria-describedby="run-time-scale-hint">
            {TIME_SCALES.map((scale) => (
              <option key={scale} value={scale}>{scale === 1 ? "Real time" : `Rehearsal: ${scale}× faster`}</option>
            ))}
          </SelectField>
          <Hint id="run-time-scale-hint">A rehearsal runs the rule windows and rollout checkpoints faster; their labels say so.</Hint>
        </div>
      </div>

      <fieldset className="rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-base font-bold text-slate-900">Roles</legend>
        <p className="mb-3 text-sm text-slate-600">Who holds each role on the day. You can leave a role unassigned.</p>
        <div className="grid gap-4 md:grid-cols-2">
          {RUN_ROLE_KINDS.map((role) => (
            <SelectField key={role} id={`run-role-${role}`} name={`role_${role}`} label={RUN_ROLE_LABELS[role]} defaultValue="">
              <option value="">— unassigned —</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>{u.name} · {ROLE_LABELS[u.role]}</option>
              ))}
            </SelectField>
          ))}
        </div>
      </fieldset>

      <WindowConflictsNote
        draft={{ service: windowFields.service, plannedStart: plannedIso, plannedDurationMin: Number(windowFields.duration) || 0, leadId: windowFields.leadId || undefined }}
      />
      <FormError message={state?.error} />
      <div className="flex items-center gap-4">
        <Button type="submit" disabled={isPending}>{isPending ? "Creating…" : "Create run"}</Button>
        <Link href="/runs" className="text-sm font-medium text-slate-700 underline-offset-2 hover:underline">Cancel</Link>
      </div>
    </form>
  );
}
