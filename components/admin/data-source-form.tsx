"use client";
// Admins: add or change a Prometheus data source, and test the settings as typed before saving.
// Stored secrets never reach this form: it shows "set" and an empty field keeps them.
// Submitted by hand rather than through <form action>: React resets a form after its action, which
// would wipe what the admin typed after every "Test connection" and every refused save.
import { type FormEvent, startTransition, useActionState, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import { saveDataSourceAction, testDataSourceAction } from "@/lib/datasources/actions";
import type { TDataSourceView } from "@/lib/datasources/views";
import { DEFAULT_STAGE_LABEL_MAPPING } from "@/lib/domain/promql-template";
import { ConnectionTestResult } from "./connection-test-result";

const AUTH_LABELS = { none: "None", bearer: "Bearer token", basic: "Basic (username and password)" } as const;

type TProps = { source?: TDataSourceView; onSaved?: () => void };

/** After adding a source the form starts over (fields, auth choice, test result) and says what was added. */
export function DataSourceForm({ source, onSaved }: TProps) {
  const [generation, setGeneration] = useState(0);
  const [addedName, setAddedName] = useState<string | null>(null);
  function saved(name: string) {
    if (!source) {
      setAddedName(name);
      setGeneration((g) => g + 1);
    }
    onSaved?.();
  }
  return <DataSourceFields key={generation} source={source} onSaved={saved} addedName={addedName} />;
}

function DataSourceFields({ source, onSaved, addedName }: { source?: TDataSourceView; onSaved: (name: string) => void; addedName: string | null }) {
  const [saved, saveAction, isSaving] = useActionState(saveDataSourceAction, null);
  const [tested, testAction, isTesting] = useActionState(testDataSourceAction, null);
  const [authKind, setAuthKind] = useState<keyof typeof AUTH_LABELS>(source?.authKind ?? "none");
  const formRef = useRef<HTMLFormElement>(null);
  const idPrefix = source ? `ds-${source.id}` : "ds-new";
  const stage = source?.stageLabel ?? DEFAULT_STAGE_LABEL_MAPPING;
  const keepSecret = source?.isSecretSet ? "set: leave empty to keep" : undefined;

  useEffect(() => {
    if (saved?.ok) onSaved(saved.data.name);
  }, [saved, onSaved]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => saveAction(data));
  }

  function test() {
    if (!formRef.current) return;
    const data = new FormData(formRef.current);
    startTransition(() => testAction(data));
  }

  return (
    <form ref={formRef} method="post" onSubmit={submit} className="grid gap-4 md:grid-cols-3" aria-label={source ? `Edit ${source.name}` : "Add a data source"}>
      {source && <input type="hidden" name="id" value={source.id} />}
      <TextField id={`${idPrefix}-name`} name="name" label="Name" placeholder="Production Prometheus" defaultValue={source?.name} required />
      <div className="md:col-span-2">
        <TextField id={`${idPrefix}-url`} name="url" type="url" label="URL" placeholder="http://prometheus:9090" defaultValue={source?.url} required />
      </div>
      <SelectField id={`${idPrefix}-auth`} name="authKind" label="Authentication" value={authKind} onChange={(e) => setAuthKind(e.target.value as typeof authKind)}>
        {Object.entries(AUTH_LABELS).map(([value, label]) => (
          <option key={value} value={value}>{label}</option>
        ))}
      </SelectField>
      {authKind === "bearer" && (
        <TextField id={`${idPrefix}-token`} name="bearerToken" type="password" autoComplete="off" label="Token" placeholder={keepSecret} />
      )}
      {authKind === "basic" && (
        <>
          <TextField id={`${idPrefix}-user`} name="basicUsername" label="Username" autoComplete="off" defaultValue={source?.basicUsername ?? ""} />
          <TextField id={`${idPrefix}-password`} name="basicPassword" type="password" autoComplete="off" label="Password" placeholder={keepSecret} />
        </>
      )}
      {authKind === "none" && <div className="hidden md:block md:col-span-2" />}
      <TextField id={`${idPrefix}-timeout`} name="timeoutSeconds" type="number" min={1} max={30} step={1} label="Timeout (seconds, 1–30)" defaultValue={(source?.timeoutMs ?? 10_000) / 1000} required />
      <div className="md:col-span-2">
        <label htmlFor={`${idPrefix}-headers`} className="block text-sm font-medium text-slate-800">Extra headers (one per line, Name: value)</label>
        <textarea
          id={`${idPrefix}-headers`}
          name="headers"
          rows={2}
          placeholder={source?.extraHeaderNames.length ? `${source.extraHeaderNames.join(", ")} set: leave empty to keep, or enter all headers again` : "X-Scope-OrgID: team-a"}
          className="mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm focus:border-blue-600"
        />
        {source && source.extraHeaderNames.length > 0 && (
          <label className="mt-1 flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name="clearHeaders" /> Remove the extra headers
          </label>
        )}
      </div>
      <fieldset className="grid gap-4 md:col-span-3 md:grid-cols-4">
        <legend className="mb-1 text-sm font-semibold text-slate-800">Stage label: which series are the canary and which production</legend>
        <TextField id={`${idPrefix}-stage-label`} name="stageLabel" label="Label name" defaultValue={stage.label} required />
        <TextField id={`${idPrefix}-stage-canary`} name="stageCanary" label="Canary value" defaultValue={stage.values.canary} required />
        <TextField id={`${idPrefix}-stage-production`} name="stageProduction" label="Production value" defaultValue={stage.values.production} required />
        <TextField id={`${idPrefix}-stage-staging`} name="stageStaging" label="Staging value" defaultValue={stage.values.staging} required />
      </fieldset>
      <div className="space-y-3 md:col-span-3">
        <FormError message={saved && !saved.ok ? saved.error : null} />
        {tested && !tested.ok && <FormError message={tested.error} />}
        {tested?.ok && <ConnectionTestResult result={tested.data} />}
        {!saved && !tested && addedName && <p role="status" className="text-sm text-emerald-800">✓ Added {addedName}.</p>}
        <div className="flex gap-3">
          <Button type="submit" disabled={isSaving}>{isSaving ? "Saving…" : source ? "Save changes" : "Add data source"}</Button>
          <Button type="button" variant="secondary" onClick={test} disabled={isTesting}>
            {isTesting ? "Testing…" : "Test connection"}
          </Button>
        </div>
      </div>
    </form>
  );
}
