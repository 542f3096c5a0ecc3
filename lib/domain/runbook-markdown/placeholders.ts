// A runbook's messages write what changes as [BRACKETS]; Warroom's messages use {{fields}} that the
// live run fills (lib/domain/comms-fields.ts). This table is how the importer turns one into the
// other. Pure.
import type { TCommsFieldKey } from "../comms-fields";

type TField = `{{${TCommsFieldKey}}}`;

/**
 * One placeholder as a runbook writes it, and what it becomes. `line` is how the line starts: the
 * same [NAME] is the current phase on "Current Phase:" and the next one on "Next Phase:", so such
 * placeholders are read by their line; an entry without `line` means the same on any line.
 */
export type TPlaceholderRule = { line?: string; written: string; becomes: `${string}${TField}${string}` };

export const PLACEHOLDER_RULES: readonly TPlaceholderRule[] = [
  // Any line
  { written: "[SERVICE NAME]", becomes: "{{service}}" },
  { written: "[SERVICE]", becomes: "{{service}}" },
  { written: "[VERSION]", becomes: "{{version}}" },
  { written: "[COMMIT]", becomes: "{{commit}}" },
  { written: "[PHASE]", becomes: "{{phase}}" },
  { written: "[STATUS]", becomes: "{{status}}" },
  { written: "[PREVIOUS COMMIT]", becomes: "{{previousCommit}}" },
  { written: "[DATE/TIME]", becomes: "{{postMortemDateTime}}" },
  // Pre-deployment message
  { line: "Questions:", written: "[NUMBER]", becomes: "{{phoneNumber}}" },
  { line: "Go/No-Go decision at", written: "[TIME]", becomes: "{{goNoGoTime}}" },
  // In-progress message
  { line: "Current Phase:", written: "[NAME]", becomes: "{{currentPhase}}" },
  { line: "Progress:", written: "[X of Y steps complete]", becomes: "{{stepsDone}} of {{stepsTotal}} steps complete" },
  { line: "Estimated:", written: "[X minutes remaining]", becomes: "{{minutesRemaining}} minutes remaining" },
  // The runbook's fixed "All green ✅" is what the rules' verdicts say during a run (never a green that isn't).
  { line: "Metrics:", written: "All green ✅", becomes: "{{metricsLine}}" },
  { line: "Next Phase:", written: "[NAME]", becomes: "{{nextPhase}}" },
  { line: "Next Phase:", written: "[X]", becomes: "{{minutesToNextPhase}}" },
  // Completion message
  { line: "Duration:", written: "[X hours Y minutes]", becomes: "{{durationHours}} hours {{durationMinutes}} minutes" },
  { line: "- API Response:", written: "[X]", becomes: "{{responseTimeP95Ms}}" },
  { line: "- Error Rate:", written: "[X]", becomes: "{{errorRatePercent}}" },
  // Rollback message
  { line: "Issue Detected:", written: "[DESCRIPTION]", becomes: "{{issueDescription}}" },
  { line: "Duration:", written: "[X]", becomes: "{{expectedRollbackMinutes}}" },
  { line: "Impact:", written: "[DESCRIPTION]", becomes: "{{impactDescription}}" },
  { line: "Status:", written: "[ROLLING BACK / ROLLBACK COMPLETE]", becomes: "{{rollbackStatus}}" },
  { line: "Cause Analysis:", written: "[TIME]", becomes: "{{causeAnalysisTime}}" },
];

/** A bracket that is not a Markdown link: "[NAME]", not "[docs](https://…)". */
const BRACKET = /\[[^\]\n]+\](?!\()/g;

export type TUnknownPlaceholder = { lineIndex: number; line: string; placeholders: string[] };

/** A message body with its known placeholders as {{fields}}, and the lines whose brackets stay as written. */
export function fillPlaceholders(body: string): { body: string; unknown: TUnknownPlaceholder[] } {
  const unknown: TUnknownPlaceholder[] = [];
  const lines = body.split("\n").map((line, lineIndex) => {
    const start = line.trimStart().toLowerCase();
    let filled = line;
    for (const rule of PLACEHOLDER_RULES) {
      if (!rule.line || start.startsWith(rule.line.toLowerCase())) filled = filled.split(rule.written).join(rule.becomes);
    }
    const left = filled.match(BRACKET);
    if (left) unknown.push({ lineIndex, line: line.trim(), placeholders: left });
    return filled;
  });
  return { body: lines.join("\n"), unknown };
}
