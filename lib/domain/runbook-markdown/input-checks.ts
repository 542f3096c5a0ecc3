// Refusals before reading: empty, too large, or not text at all. Each message names what is wrong.
import { MAX_RUNBOOK_BYTES, RunbookImportError } from "./types";

export function checkRunbookText(source: string) {
  if (typeof source !== "string" || source.trim() === "") throw new RunbookImportError("The runbook is empty: paste or upload a Markdown file.");
  const bytes = new TextEncoder().encode(source).length;
  if (bytes > MAX_RUNBOOK_BYTES) {
    throw new RunbookImportError(`The runbook is ${Math.ceil(bytes / 1024)} KB; the limit is ${MAX_RUNBOOK_BYTES / 1024} KB.`);
  }
  // NUL, other control characters or undecodable bytes: an image or an archive, not Markdown.
  const binary = (source.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g) ?? []).length;
  if (binary > 0) throw new RunbookImportError("This is not text: the file holds binary data (upload the runbook's .md file).");
}
