// Markdown runbooks read line by line into blocks that keep their line numbers: headings, bold
// sub-headings, checkboxes, bullets, fenced blocks, quotes and prose. Pure; the importer and the
// seed's own tests (prisma/seed/runbook-fixture.ts) read runbooks through this one reader.

export type TBlock =
  | { kind: "heading"; line: number; level: number; text: string; raw: string; meta?: TMeta }
  | { kind: "bold"; line: number; text: string; raw: string }
  | { kind: "checkbox"; line: number; indent: number; text: string; meta?: TMeta }
  | { kind: "bullet"; line: number; indent: number; text: string; isCheck: boolean; meta?: TMeta }
  | { kind: "fence"; line: number; indent: number; lang: string; body: string; raw: string; meta?: TMeta }
  | { kind: "quote"; line: number; text: string }
  | { kind: "prose"; line: number; text: string; meta?: TMeta }
  | { kind: "rule"; line: number };

/** What an exported runbook says in an HTML comment that its Markdown has no words for (a metric key, a tree's ids). */
export type TMeta = Record<string, unknown>;

export class RunbookSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

/** "### System Verification (15 minutes)" → "System Verification"; "**1. Deploy to Staging**" → "Deploy to Staging". */
export const normalizeHeading = (s: string): string =>
  s
    .replace(/^[^\p{L}\p{N}]+/u, "") // leading emoji
    .replace(/\s*\([^)]*\)\s*$/, "") // trailing "(15 minutes)"
    .replace(/^\d+\.\s*/, "") // "1. "
    .replace(/:$/, "")
    .trim();

/** "(15 minutes)" → [15, 15]; "(30-45 minutes)" → [30, 45]; "(1-2 Hours)", "(1 Hour Before Go-Live)" → hours. */
export function parseDuration(heading: string): [number, number] | null {
  const m = /\((\d+)(?:-(\d+))?\s+(minutes?|hours?)\b[^)]*\)/i.exec(heading);
  if (!m) return null;
  const mult = /^hour/i.test(m[3]) ? 60 : 1;
  const lo = Number(m[1]) * mult;
  return [lo, m[2] ? Number(m[2]) * mult : lo];
}

/** "6-8 hour window" → [360, 480]; "360-480 minutes" → [360, 480]. */
export function readDuration(text: string): [number, number] | null {
  const m = /(\d+)(?:\s*-\s*(\d+))?\s*-?\s*(minutes?|hours?)/i.exec(text);
  if (!m) return null;
  const mult = /^hour/i.test(m[3]) ? 60 : 1;
  return [Number(m[1]) * mult, Number(m[2] ?? m[1]) * mult];
}

const META = /\s*<!--\s*warroom\s+(\{.*\})\s*-->\s*$/;

/** Splits a trailing `<!-- warroom {…} -->` off a line; a comment that is not JSON is a syntax error. */
function splitMeta(line: string, lineNo: number): { text: string; meta?: TMeta } {
  const m = META.exec(line);
  if (!m) return { text: line };
  try {
    const meta = JSON.parse(m[1]) as unknown;
    if (typeof meta !== "object" || meta === null || Array.isArray(meta)) throw new Error("not an object");
    return { text: line.slice(0, m.index), meta: meta as TMeta };
  } catch {
    throw new RunbookSyntaxError("the warroom comment is not a JSON object", lineNo);
  }
}

export function lexRunbook(source: string): TBlock[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: TBlock[] = [];
  let fence: { line: number; indent: number; lang: string; lines: string[] } | null = null;
  for (const [index, rawLine] of lines.entries()) {
    const lineNo = index + 1;
    if (fence) {
      if (/^\s*```\s*$/.test(rawLine)) {
        const f = fence;
        const body = f.lines.map((l) => (l.slice(0, f.indent).trim() === "" ? l.slice(f.indent) : l)).join("\n");
        const raw = ["```" + f.lang, body, "```"].join("\n");
        blocks.push({ kind: "fence", line: f.line, indent: f.indent, lang: f.lang, body, raw });
        fence = null;
      } else fence.lines.push(rawLine);
      continue;
    }
    const open = /^(\s*)```([\w-]*)\s*$/.exec(rawLine);
    if (open) {
      fence = { line: lineNo, indent: open[1].length, lang: open[2], lines: [] };
      continue;
    }
    const { text: line, meta } = splitMeta(rawLine, lineNo);
    const withMeta = meta ? { meta } : {};
    let m: RegExpExecArray | null;
    if (line.trim() === "") {
      if (meta) attachMeta(blocks, meta);
    } else if ((m = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line))) {
      blocks.push({ kind: "heading", line: lineNo, level: m[1].length, text: normalizeHeading(m[2]), raw: m[2], ...withMeta });
    } else if (/^\s*(---+|\*\*\*+|___+)\s*$/.test(line)) {
      blocks.push({ kind: "rule", line: lineNo });
    } else if ((m = /^\*\*(.+?)\*\*\s*$/.exec(line))) {
      blocks.push({ kind: "bold", line: lineNo, text: normalizeHeading(m[1]), raw: m[1] });
    } else if ((m = /^(\s*)[-*] \[[ xX]\] (.+)$/.exec(line))) {
      blocks.push({ kind: "checkbox", line: lineNo, indent: m[1].length, text: m[2].trim(), ...withMeta });
    } else if ((m = /^(\s*)[-*] (.+)$/.exec(line))) {
      const isCheck = m[2].startsWith("✅");
      blocks.push({ kind: "bullet", line: lineNo, indent: m[1].length, text: m[2].replace(/^✅\s*/, "").trim(), isCheck, ...withMeta });
    } else if ((m = /^\s*>\s?(.*)$/.exec(line))) {
      blocks.push({ kind: "quote", line: lineNo, text: m[1] });
    } else {
      blocks.push({ kind: "prose", line: lineNo, text: line.trim(), ...withMeta });
    }
  }
  if (fence) throw new RunbookSyntaxError("this code block is never closed (```)", fence.line);
  return blocks;
}

/** A comment on a line of its own belongs to the block just above it (a fence, usually). */
function attachMeta(blocks: TBlock[], meta: TMeta) {
  const last = blocks.at(-1);
  if (last && last.kind !== "rule" && last.kind !== "bold" && last.kind !== "quote") Object.assign(last, { meta: { ...(last.meta ?? {}), ...meta } });
}
