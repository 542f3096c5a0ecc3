// A server action's form fields as plain strings. Server actions are public HTTP endpoints: whatever
// arrives in place of the form (no FormData at all, files, hostile values) reads as empty fields, to
// be refused by the action's schema, never as a crash.
export function formValues(form: unknown): Record<string, string> {
  if (!(form instanceof FormData)) return {};
  return Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === "string" ? v : ""]));
}

/** Every value of a repeated field (checkboxes), as strings; nothing when what arrived is not a form. */
export function formList(form: unknown, name: string): string[] {
  if (!(form instanceof FormData)) return [];
  return form.getAll(name).filter((v): v is string => typeof v === "string");
}
