// The committed JSON Schema of each target (schemas/, each citing the documentation it follows) and
// the limits a schema cannot say, as one check: used by the local receiver and the renderers' unit tests.
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";

export const RECEIVER_KINDS = ["slack", "json", "slack_blocks", "teams", "mattermost", "discord", "pagerduty", "signed"] as const;
export type TReceiverKind = (typeof RECEIVER_KINDS)[number];

const SCHEMA_FILES = {
  slack: "slack-text",
  json: "generic-json",
  slack_blocks: "slack-blocks",
  teams: "teams",
  mattermost: "mattermost",
  discord: "discord",
  "pagerduty-alert": "pagerduty-alert",
  "pagerduty-change": "pagerduty-change",
  signed: "signed-event",
} as const;

// Relative to the checkout (vitest, Playwright and the benchmark all run from it; Playwright loads this as CommonJS).
const here = path.join(process.cwd(), "e2e/support/notify");
// Strict about unknown keywords and formats; the "allOf" refinements of a shared text object name no type of their own.
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
// The two formats the schemas use, defined here rather than pulling in ajv-formats.
ajv.addFormat("uri", (value: string) => URL.canParse(value) && /^https?:/.test(value));
ajv.addFormat("date-time", (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)));
const validators = Object.fromEntries(
  Object.entries(SCHEMA_FILES).map(([key, file]) => [key, ajv.compile(JSON.parse(readFileSync(path.join(here, "schemas", `${file}.schema.json`), "utf8")))]),
) as Record<keyof typeof SCHEMA_FILES, ValidateFunction>;

/** The fields the limits below read; the schema has already said whether they are there and what they are. */
type TLimitFields = {
  embeds?: { title?: string; description?: string; footer?: { text?: string }; fields?: { name: string; value: string }[] }[];
  text?: string;
  attachments?: { text?: string }[];
};

/** What a schema cannot express: limits across fields, sizes in bytes. */
function limitProblems(kind: TReceiverKind, raw: string, body: TLimitFields): string[] {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(raw);
  if (kind === "discord") {
    const total = (body.embeds ?? []).reduce(
      (n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text?.length ?? 0) + (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
      0,
    );
    if (total > 6000) problems.push(`discord: ${total} characters across embeds (at most 6,000)`);
  }
  if (kind === "teams" && bytes > 28_000) problems.push(`teams: ${bytes} bytes (at most 28 KB)`);
  if (kind === "mattermost") {
    const size = (body.text?.length ?? 0) + (body.attachments ?? []).reduce((n, a) => n + (a.text?.length ?? 0), 0);
    if (size > 16383) problems.push(`mattermost: ${size} characters in the post (at most 16,383)`);
  }
  if (kind === "pagerduty" && bytes > 512 * 1024) problems.push("pagerduty: over 512 KB");
  return problems;
}

function validatorFor(kind: TReceiverKind, urlPath: string): ValidateFunction {
  if (kind === "pagerduty") return urlPath.endsWith("/v2/change/enqueue") ? validators["pagerduty-change"] : validators["pagerduty-alert"];
  return validators[kind];
}

/** Every way this request body breaks its target's documented shape or limits (none: it is fine). */
export function payloadProblems(kind: TReceiverKind, urlPath: string, raw: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return ["not JSON"];
  }
  const validate = validatorFor(kind, urlPath);
  const problems = validate(body) ? [] : (validate.errors ?? []).map((e) => `${kind} schema: ${e.instancePath || "/"} ${e.message}`);
  return [...problems, ...limitProblems(kind, raw, (body ?? {}) as TLimitFields)];
}
