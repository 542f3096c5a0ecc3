// The template vocabulary as plain lists: the template schema (full zod) and the event catalogue
// (zod/mini, shipped to the browser) both build on it without importing each other.
export const PHASE_KEYS = ["pre_deployment", "staging", "smoke_testing", "production", "validation", "post_deployment"] as const;
export type TPhaseKey = (typeof PHASE_KEYS)[number];

/** What a decision tree's final node does to the run (template-definition.ts validates them). */
export const DECISION_ACTIONS = ["stop", "investigate", "fix_and_retest", "rollback", "reschedule", "resume", "restore", "document"] as const;

/** How a metric rule compares its value with its threshold. */
export const COMPARATORS = [">", ">=", "<", "<="] as const;
