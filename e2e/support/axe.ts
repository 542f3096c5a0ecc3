// axe-core inside Playwright: the page as it is now (states, dialogs, live updates included) checked
// against WCAG 2.0/2.1 A and AA. Serious and critical violations fail the test with a list a person can
// act on: the rule, its impact, the elements (CSS selectors) and axe's own summary of what to fix.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING = new Set(["serious", "critical"]);
const SHOWN_NODES = 5;

type TAxeViolation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

/** One violation as lines: "color-contrast (serious): Ensure … \n  - main > p  Fix any of: …". */
export function describeViolation(violation: TAxeViolation): string {
  const nodes = violation.nodes.slice(0, SHOWN_NODES).map((node) => {
    const target = node.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : t)).join(", ");
    const summary = (node.failureSummary ?? "").replace(/\s*\n\s*/g, " ").trim();
    return `  - ${target}\n      ${summary}`;
  });
  const more = violation.nodes.length > SHOWN_NODES ? [`  … and ${violation.nodes.length - SHOWN_NODES} more`] : [];
  return [`${violation.id} (${violation.impact}, ${violation.nodes.length}×): ${violation.help}`, ...nodes, ...more].join("\n");
}

/** Runs axe on the page and fails with a readable list if anything serious or critical is found. */
export async function expectNoSeriousA11yViolations(page: Page, label: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const blocking = violations.filter((v) => BLOCKING.has(v.impact ?? ""));
  const report = blocking.map(describeViolation).join("\n");
  expect(blocking.length, `axe on ${label}: ${blocking.length} serious or critical violation(s)\n${report}`).toBe(0);
}
