// What a destination stores for its kind: the triggers it may be sent on (the kind's defaults unless
// chosen), its address (PagerDuty's Events API by default) and its secret (PagerDuty's routing key,
// asked for; a signed webhook's signing secret, made here and returned once).
import { allowedTriggers, DEFAULT_TRIGGERS, KIND_LABELS, KIND_TRIGGERS, TRIGGER_LABELS, type TDestinationKind, type TNotifyTrigger } from "../domain/notify/kinds";
import { AppError } from "../errors";
import { newSigningSecret } from "../notify/signing";

type TInput = { format: TDestinationKind; url?: string; triggers?: TNotifyTrigger[]; secret?: string };
type TExisting = { format: TDestinationKind; url: string; triggers: string[]; secret: string | null } | null;

export type TDestinationFields = { url: string; triggers: TNotifyTrigger[]; secret: string | null; shownSecret: string | null };

export const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com";

export function destinationFields(input: TInput, existing: TExisting): TDestinationFields {
  const kind = input.format;
  const sameKind = existing?.format === kind;
  const chosen = input.triggers ?? (sameKind ? existing!.triggers : [...DEFAULT_TRIGGERS[kind]]);
  const refused = chosen.filter((t) => !KIND_TRIGGERS[kind].includes(t as TNotifyTrigger));
  if (refused.length > 0) {
    const names = refused.map((t) => TRIGGER_LABELS[t as TNotifyTrigger] ?? t).join(", ");
    throw new AppError("invalid_input", `triggers: ${KIND_LABELS[kind]} cannot send ${names}`);
  }
  const triggers = allowedTriggers(kind, chosen);
  if (triggers.length === 0) throw new AppError("invalid_input", "triggers: Choose at least one thing to send it on");
  const url = input.url || (sameKind ? existing!.url : "") || (kind === "pagerduty" ? PAGERDUTY_EVENTS_URL : "");
  if (!url) throw new AppError("invalid_input", "url: Enter the webhook's full URL (https://…)");
  if (kind === "pagerduty") {
    const secret = input.secret ?? (sameKind ? existing!.secret : null);
    if (!secret) throw new AppError("invalid_input", "secret: Enter the PagerDuty integration (routing) key");
    return { url, triggers, secret, shownSecret: null };
  }
  if (kind === "signed") {
    if (sameKind && existing!.secret) return { url, triggers, secret: existing!.secret, shownSecret: null };
    const secret = newSigningSecret();
    return { url, triggers, secret, shownSecret: secret };
  }
  return { url, triggers, secret: null, shownSecret: null };
}
