// How a runbook's fenced commands become checklist data: the output they should give ("# Should be:
// < 0.1%" under `curl … | jq '.error_rate'`) and the box a lead ticks for a section that only runs
// a command. Pure.

const SHOULD = /^#?\s*should (?:show|be):\s*"?(.*?)"?\s*$/i;

/** "Should show: …" (with or without "#" and quotes) → what follows; null for any other line. */
export const shouldText = (line: string): string | null => SHOULD.exec(line.trim())?.[1] ?? null;

/** What a command line reads: `jq '.error_rate'` → "error_rate"; `SELECT COUNT(*) FROM files` → "files". */
function subjectOf(command: string): string | null {
  const jq = /\bjq\s+['"]?\.([\w.]+)/.exec(command);
  if (jq) return jq[1];
  const count = /\bcount\s*\(\s*\*\s*\)\s+from\s+"?(\w+)/i.exec(command);
  return count ? count[1] : null;
}

const COMPARISON = /^(<=|>=|==|!=|<|>|=|≤|≥)/;

/**
 * A command block's "Should be" lines, each with what it is about when the command above says it:
 * "< 0.1%" under `jq '.error_rate'` is "error_rate < 0.1%"; "positive count" under a
 * `COUNT(*) FROM files` is "files: positive count". A bare "< 500ms" means nothing on its own.
 */
export function expectedOutputs(body: string): string[] {
  const out: string[] = [];
  let subject: string | null = null;
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    const should = shouldText(line);
    if (should !== null) {
      if (should) out.push(!subject ? should : COMPARISON.test(should) ? `${subject} ${should}` : `${subject}: ${should}`);
    } else if (line && !line.startsWith("#")) subject = subjectOf(line);
  }
  return out;
}

/** "Core Smoke Tests" → "Core smoke tests"; words in capitals stay ("API checks"). */
const sentence = (words: string[]) =>
  words.map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : /^[A-Z][a-z]/.test(w) ? w.toLowerCase() : w)).join(" ");

/**
 * A section that runs a command and has no checkbox still needs a box to tick, named after it:
 * "Run Core Smoke Tests" → "Core smoke tests pass", "Automated Checks" → "Automated checks pass",
 * "Database Health Check" → "Database health check passes", "Warm Caches" → "Warm caches done".
 */
export function commandCheckText(sectionTitle: string): string {
  const words = sectionTitle.trim().split(/\s+/);
  const withoutVerb = words.length > 1 && /^(run|execute|perform)$/i.test(words[0]) ? words.slice(1) : words;
  const last = withoutVerb.at(-1)!.toLowerCase();
  const verb = /^(tests|checks)$/.test(last) ? "pass" : /^(test|check)$/.test(last) ? "passes" : "done";
  return `${sentence(withoutVerb)} ${verb}`;
}
