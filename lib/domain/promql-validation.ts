// The check a PromQL template gets when it is saved: the template's own rules (known variables,
// values inside quotes), then Prometheus's grammar on the query rendered with sample values, so a
// typo is caught in the editor rather than at the first evaluation of a live canary. The grammar is
// Prometheus's own (the lezer parser its web UI uses); it checks syntax, not types: a query that
// parses but applies rate() to an instant vector is reported by Prometheus at the first query.
import { parser } from "@prometheus-io/lezer-promql";
import {
  DEFAULT_STAGE_LABEL_MAPPING,
  renderPromqlTemplate,
  templatePosition,
  templateProblems,
  type TStageLabelMapping,
} from "./promql-template";

export type TPromqlCheck = { ok: true; query: string } | { ok: false; message: string; position?: { line: number; column: number } };

/** Sample run values: awkward on purpose (quotes, a backslash), so escaping is part of what is checked. */
const SAMPLE_VARIABLES = { service: 'check"out\\svc', version: "1.2.3", stage: "canary", windowMs: 300_000 } as const;

/** The first syntax error in a PromQL query: its offset and the text there. */
export function firstSyntaxError(query: string): { from: number; to: number } | null {
  if (!query.trim()) return { from: 0, to: 0 };
  const tree = parser.parse(query);
  let error: { from: number; to: number } | null = null;
  tree.iterate({
    enter(node) {
      if (error) return false;
      if (node.type.isError) error = { from: node.from, to: node.to };
      return undefined;
    },
  });
  return error;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** "unexpected ")" at line 1, column 23" or "the query ends too early (line 1, column 40)". */
function describeSyntaxError(template: string, query: string, error: { from: number; to: number }, offsets: Parameters<typeof templatePosition>[0]) {
  const at = templatePosition(offsets, error.from);
  const position = lineAndColumn(template, at);
  const where = `line ${position.line}, column ${position.column}`;
  if (!query.trim()) return { message: "The query is empty", position };
  if (error.from >= query.trimEnd().length) return { message: `PromQL syntax error: the query ends too early (${where}); is a bracket or operand missing?`, position };
  const found = query.slice(error.from, Math.max(error.to, error.from + 1)).slice(0, 20);
  return { message: `PromQL syntax error at ${where}: unexpected "${found}"`, position };
}

/** Whether a template is fit to save: every problem in one message, with the first error's position. */
export function checkPromqlTemplate(template: string, mapping: TStageLabelMapping = DEFAULT_STAGE_LABEL_MAPPING): TPromqlCheck {
  const problems = templateProblems(template);
  if (problems.length > 0) return { ok: false, message: problems.join("; ") };
  const rendered = renderPromqlTemplate(template, SAMPLE_VARIABLES, mapping);
  if (!rendered.ok) return { ok: false, message: rendered.message };
  const error = firstSyntaxError(rendered.query);
  if (error) return { ok: false, ...describeSyntaxError(template, rendered.query, error, rendered.offsets) };
  return { ok: true, query: rendered.query };
}
