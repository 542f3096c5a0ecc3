// The admin form's fields (plain strings) → the input ZDataSourceInput checks. Kept apart from the
// action so the mapping is tested without a request.
import { parseHeaderLines } from "./schemas";

export function dataSourceInputFromForm(fields: Record<string, string>) {
  const text = (key: string) => fields[key] ?? "";
  const seconds = Number(text("timeoutSeconds").trim() || "NaN");
  return {
    ...(text("id") ? { id: text("id") } : {}),
    name: text("name"),
    url: text("url"),
    authKind: text("authKind") || "none",
    bearerToken: text("bearerToken") || undefined,
    basicUsername: text("basicUsername") || undefined,
    basicPassword: text("basicPassword") || undefined,
    // Empty keeps the stored headers on an edit (the form never shows their values); "clear" removes them.
    extraHeaders: text("headers").trim() ? parseHeaderLines(text("headers")) : text("clearHeaders") ? [] : undefined,
    // Seconds on screen, milliseconds stored; a non-number reaches the schema as NaN and is refused there.
    timeoutMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : Number.NaN,
    stageLabel: {
      label: text("stageLabel"),
      values: { staging: text("stageStaging"), canary: text("stageCanary"), production: text("stageProduction") },
    },
  };
}
