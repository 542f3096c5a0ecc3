// Multi-line text for seed data.
/** Joins lines with "\n" so commands stay byte-exact (no template-literal escapes). */
export const block = (...lines: string[]): string => lines.join("\n");
