// Lengths and cuts for text leaving Warroom: every target has limits (Slack 3,000 per section,
// Discord 2,000 / 4,096 / 6,000, PagerDuty 1,024, Teams 28 KB), and a cut must never leave half a
// character, half an escape or half an entity behind. Pure.

/** The marker a cut text ends with. */
export const CUT_MARK = "…";

/**
 * At most `max` UTF-16 code units (what JavaScript's length counts; it is never less than the code
 * points Discord and Slack count, so a text within it is within theirs), cut at a character
 * boundary and marked. An escape (`\\*`) or entity (`&amp;`) the cut would split is dropped whole.
 */
export function clip(text: string, max: number, mark = CUT_MARK): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - mark.length);
  // Never between the two halves of a surrogate pair (emoji, many CJK extensions).
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1;
  let head = text.slice(0, end);
  // An odd run of backslashes would escape the mark; a partial entity would show as text.
  head = head.replace(/\\+$/, (slashes) => (slashes.length % 2 ? slashes.slice(1) : slashes));
  head = head.replace(/&[a-z]{0,4}$/i, "");
  return `${head}${mark}`;
}

/** Splits text into pieces of at most `max` units, at line breaks where it can, never inside a character or escape. */
export function chunks(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let end = rest.lastIndexOf("\n", max);
    if (end < max / 2) end = max;
    if (/[\uD800-\uDBFF]/.test(rest[end - 1]!)) end -= 1;
    // An odd run of backslashes at the end would escape the next piece's first character.
    while (end > 1 && rest[end - 1] === "\\" && (rest.slice(0, end).match(/\\+$/)?.[0].length ?? 0) % 2 === 1) end -= 1;
    const entity = rest.slice(0, end).match(/&[a-z]{0,4}$/i);
    if (entity) end -= entity[0].length;
    pieces.push(rest.slice(0, end));
    rest = rest.slice(end).replace(/^\n/, "");
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** UTF-8 size of a JSON body, as Teams measures its 28 KB. */
export const jsonBytes = (body: unknown): number => new TextEncoder().encode(JSON.stringify(body)).length;
