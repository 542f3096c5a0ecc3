"use client";
// The Locks page's forms (leads and admins): lock a service with a reason, add a freeze window (a date
// range, or weekly days and hours, in a time zone), and release or remove what is there.
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import { releaseLockAction, removeFreezeAction, saveFreezeAction, takeLockAction } from "@/lib/locks/actions";
import { WEEKDAY_NAMES } from "@/lib/domain/service-guards";

export function TakeLockForm() {
  const [state, formAction, isPending] = useActionState(takeLockAction, null);
  return (
    <form action={formAction} className="grid gap-3 md:grid-cols-[1fr_2fr_auto] md:items-end" aria-label="Lock a service">
      <TextField id="lock-service" name="service" label="Service" placeholder="midi-api" required />
      <TextField id="lock-reason" name="reason" label="Reason" placeholder="Incident 4411: ledger drift" required />
      <Button type="submit" disabled={isPending}>Lock</Button>
      <div className="md:col-span-3"><FormError message={state && !state.ok ? state.error : null} /></div>
    </form>
  );
}

export function FreezeForm() {
  const [state, formAction, isPending] = useActionState(saveFreezeAction, null);
  const [kind, setKind] = useState<"range" | "weekly">("weekly");
  return (
    // A form action resets the form's fields after it ran; the kind follows, or the select would
    // read "Every week" over the date fields of a range.
    <form action={formAction} onReset={() => setKind("weekly")} className="space-y-3" aria-label="Add a freeze window">
      <div className="grid gap-3 md:grid-cols-3">
        <SelectField id="freeze-kind" name="kind" label="Kind" value={kind} onChange={(e) => setKind(e.target.value as "range" | "weekly")}>
          <option value="weekly">Every week</option>
          <option value="range">From a date to a date</option>
        </SelectField>
        <TextField id="freeze-service" name="service" label="Service (empty: every service)" placeholder="every service" />
        <TextField id="freeze-tz" name="timeZone" label="Time zone" defaultValue="UTC" placeholder="Europe/Paris" />
      </div>
      {kind === "weekly" ? (
        <div className="grid gap-3 md:grid-cols-[2fr_1fr_1fr] md:items-end">
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-800">Days it starts on</legend>
            <div className="flex flex-wrap gap-3">
              {WEEKDAY_NAMES.map((day, i) => (
                <label key={day} className="flex items-center gap-1 text-sm text-slate-800">
                  <input type="checkbox" name="weekdays" value={i} defaultChecked={i >= 1 && i <= 5} /> {day}
                </label>
              ))}
            </div>
          </fieldset>
          <TextField id="freeze-start" name="start" type="time" label="From" defaultValue="18:00" required />
          <TextField id="freeze-end" name="end" type="time" label="Until (next day if earlier)" defaultValue="08:00" required />
        </div>
      ) : (
        <div className="grid gap-3 md:grid-cols-2">
          <TextField id="freeze-starts" name="startsAt" type="datetime-local" label="From" required />
          <TextField id="freeze-ends" name="endsAt" type="datetime-local" label="Until" required />
        </div>
      )}
      <TextField id="freeze-reason" name="reason" label="Reason" placeholder="No deploys out of hours" required />
      <FormError message={state && !state.ok ? state.error : null} />
      <Button type="submit" disabled={isPending}>Add freeze</Button>
    </form>
  );
}

export function RemoveButton({ kind, target, label }: { kind: "lock" | "freeze"; target: string; label: string }) {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  async function remove() {
    setIsBusy(true);
    const result = kind === "lock" ? await releaseLockAction(target) : await removeFreezeAction(target);
    setIsBusy(false);
    setError(result.ok ? null : result.error);
  }
  return (
    <>
      <Button variant="ghost" disabled={isBusy} onClick={() => void remove()} aria-label={label}>{kind === "lock" ? "Release" : "Remove"}</Button>
      {error && <p role="alert" className="text-xs text-red-800">{error}</p>}
    </>
  );
}
