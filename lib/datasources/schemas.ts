// zod schemas for data sources: what an admin may save (shared by the form's action and the
// commands) and the shape of the JSON columns when read back.
import { z } from "zod";
import { PROMQL_LABEL_NAME } from "../domain/promql-template";

export const DATA_SOURCE_AUTH_KINDS = ["none", "bearer", "basic"] as const;
export type TDataSourceAuthKind = (typeof DATA_SOURCE_AUTH_KINDS)[number];

export const MAX_EXTRA_HEADERS = 10;
export const TIMEOUT_RANGE_MS = { min: 1000, max: 30_000 } as const;

/** Headers Warroom sets itself or that would break the request if replaced. */
const RESERVED_HEADERS = ["authorization", "host", "content-length", "content-type", "accept", "connection", "transfer-encoding", "cookie"];

const ZHttpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((text) => URL.canParse(text), "Enter the full URL, e.g. http://prometheus:9090")
  .transform((text) => new URL(text))
  .refine((url) => url.protocol === "http:" || url.protocol === "https:", "The URL must start with http:// or https://")
  .refine((url) => !url.username && !url.password, "Put credentials under Authentication, not in the URL (the URL is shown on screen)")
  .refine((url) => !url.search && !url.hash, "The URL is the server's base (no ?query or #fragment)")
  .transform((url) => url.toString().replace(/\/+$/, ""));

export const ZExtraHeader = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, "A header name is letters, digits and - (e.g. X-Scope-OrgID)")
    .superRefine((name, ctx) => {
      if (RESERVED_HEADERS.includes(name.toLowerCase())) ctx.addIssue({ code: "custom", message: `${name} is set by Warroom (use Authentication for credentials)` });
    }),
  value: z.string().trim().max(1000).regex(/^[^\r\n\0]*$/, "A header value is one line"),
});
export type TExtraHeader = z.output<typeof ZExtraHeader>;

export const ZExtraHeaders = z
  .array(ZExtraHeader)
  .max(MAX_EXTRA_HEADERS, `At most ${MAX_EXTRA_HEADERS} extra headers`)
  .refine((headers) => new Set(headers.map((h) => h.name.toLowerCase())).size === headers.length, "Each header once");

const ZLabelValue = z.string().trim().min(1, "Name the label value").max(200);
export const ZStageLabelMapping = z.object({
  label: z.string().trim().regex(PROMQL_LABEL_NAME, "A Prometheus label name: letters, digits and _, not starting with a digit"),
  values: z.object({ staging: ZLabelValue, canary: ZLabelValue, production: ZLabelValue }),
});

const ZSecret = (label: string, max: number) => z.string().max(max, `${label}: at most ${max} characters`).optional();

/** What an admin submits. Secrets left empty on an edit keep the stored ones (the form never sees them). */
export const ZDataSourceInput = z.object({
  name: z.string().trim().min(1, "Name the data source").max(100),
  url: ZHttpUrl,
  authKind: z.enum(DATA_SOURCE_AUTH_KINDS),
  bearerToken: ZSecret("Token", 4096),
  basicUsername: z.string().trim().max(200).optional(),
  basicPassword: ZSecret("Password", 1000),
  /** Absent on an edit: keep the stored headers (their values are never sent to the form). */
  extraHeaders: ZExtraHeaders.optional(),
  timeoutMs: z.number().int().min(TIMEOUT_RANGE_MS.min, "Timeout: at least 1 s").max(TIMEOUT_RANGE_MS.max, "Timeout: at most 30 s"),
  stageLabel: ZStageLabelMapping,
});
export type TDataSourceInput = z.input<typeof ZDataSourceInput>;

export const ZDataSourceId = z.string().trim().min(1).max(64);
export const ZDataSourceUpdate = ZDataSourceInput.extend({ id: ZDataSourceId });

/** "X-Scope-OrgID: tenant-a" per line → headers (blank lines skipped); a line without ":" is kept whole so the schema names it. */
export function parseHeaderLines(text: string): { name: string; value: string }[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map((line) => {
      const colon = line.indexOf(":");
      return colon < 0 ? { name: line, value: "" } : { name: line.slice(0, colon), value: line.slice(colon + 1) };
    });
}
