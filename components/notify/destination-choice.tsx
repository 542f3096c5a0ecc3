"use client";
// The parts of a destination form that depend on its kind: the kind itself, PagerDuty's routing key,
// and what it is sent on (the kind's defaults ticked whenever the kind changes).
import { useState } from "react";
import { ADDRESS_HINTS, DEFAULT_TRIGGERS, DESTINATION_KINDS, isSecretAsked, KIND_LABELS, KIND_TRIGGERS, TRIGGER_LABELS, type TDestinationKind, type TNotifyTrigger } from "@/lib/domain/notify/kinds";

export type TDestinationChoice = { kind: TDestinationKind; triggers: TNotifyTrigger[]; secret: string };

export function useDestinationChoice(initial: TDestinationKind = "slack") {
  const [choice, setChoice] = useState<TDestinationChoice>({ kind: initial, triggers: [...DEFAULT_TRIGGERS[initial]], secret: "" });
  const setKind = (kind: TDestinationKind) => setChoice({ kind, triggers: [...DEFAULT_TRIGGERS[kind]], secret: "" });
  const toggle = (trigger: TNotifyTrigger) =>
    setChoice((c) => ({ ...c, triggers: c.triggers.includes(trigger) ? c.triggers.filter((t) => t !== trigger) : [...c.triggers, trigger] }));
  const reset = () => setKind(initial);
  return { choice, setKind, toggle, setSecret: (secret: string) => setChoice((c) => ({ ...c, secret })), reset };
}

type TProps = ReturnType<typeof useDestinationChoice> & { idPrefix: string; isCompact?: boolean };

const compactField = "mt-0.5 block w-full rounded border border-slate-500 bg-white px-2 py-1 text-sm text-slate-900";
// The admin form's fields are full size, like its other text fields (components/ui/field.tsx).
const fullField = "mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-slate-900 shadow-sm";

export function DestinationChoice({ choice, setKind, toggle, setSecret, idPrefix, isCompact = false }: TProps) {
  const fieldClass = isCompact ? compactField : fullField;
  const labelClass = `block font-medium text-slate-800 ${isCompact ? "text-xs" : "text-sm"}`;
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-kind`} className={labelClass}>Kind</label>
        <select id={`${idPrefix}-kind`} name="format" value={choice.kind} onChange={(e) => setKind(e.target.value as TDestinationKind)} className={fieldClass}>
          {DESTINATION_KINDS.map((k) => (
            <option key={k} value={k}>{KIND_LABELS[k]}</option>
          ))}
        </select>
        <p className="mt-0.5 text-xs text-slate-600">Address: <span className="font-mono">{ADDRESS_HINTS[choice.kind]}</span></p>
      </div>
      {isSecretAsked(choice.kind) && (
        <div>
          <label htmlFor={`${idPrefix}-secret`} className={labelClass}>Routing key</label>
          <input id={`${idPrefix}-secret`} name="secret" value={choice.secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" spellCheck={false} placeholder="the 32-character integration key" className={`${fieldClass} font-mono`} />
          <p className="mt-0.5 text-xs text-slate-600">Stored on the server and never shown again.</p>
        </div>
      )}
      {choice.kind === "signed" && <p className="text-xs text-slate-700">Warroom makes the signing secret and shows it once, when you add it.</p>}
      <fieldset className={isCompact ? "" : "md:col-span-3"}>
        <legend className={labelClass}>Sends on</legend>
        <input type="hidden" name="triggersShown" value="1" />
        <div className={`mt-1 grid gap-x-3 gap-y-0.5 ${isCompact ? "grid-cols-1" : "sm:grid-cols-2 md:grid-cols-3"}`}>
          {KIND_TRIGGERS[choice.kind].map((t) => (
            <label key={t} className="flex items-center gap-1.5 text-xs text-slate-800">
              <input type="checkbox" name="triggers" value={t} checked={choice.triggers.includes(t)} onChange={() => toggle(t)} />
              {TRIGGER_LABELS[t]}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}

/** What a destination is sent on, in words. */
export function triggerWords(triggers: readonly string[]): string {
  const words = triggers.map((t) => TRIGGER_LABELS[t as TNotifyTrigger] ?? t);
  return words.length ? words.join(", ") : "nothing";
}
