// The runbook read by the product's reader (headings, bold sub-headings, checkboxes, bullets, fenced blocks) and
// the map from its structure to the template's, for the tests that check default-template.ts against
// the markdown it was written from (default-template-*.test.ts).
import { readFileSync } from "node:fs";
import type { TDecisionNode, TPhaseKey } from "../../lib/domain/template-definition";
import { defaultTemplate } from "./default-template";
import {
  outlineRunbook,
  type TOutlineCheckbox,
  type TOutlineContext,
  type TOutlineBullet,
  type TOutlineFence,
} from "../../lib/domain/runbook-markdown/outline";

export const markdown = readFileSync(new URL("./deployment-day-checklist.md", import.meta.url), "utf8");
export const templateSource = readFileSync(new URL("./default-template.ts", import.meta.url), "utf8");

// ---------------------------------------------------------------------------------------------
// Markdown parsing: the product's one runbook reader (lib/domain/runbook-markdown)
// ---------------------------------------------------------------------------------------------

export { normalizeHeading, parseDuration } from "../../lib/domain/runbook-markdown/lex";
export type Context = TOutlineContext;
export type Checkbox = TOutlineCheckbox;
export type Bullet = TOutlineBullet;
export type Fence = TOutlineFence;
export const parseMarkdown = outlineRunbook;

export const doc = parseMarkdown(markdown);

export const groupKey = (c: Context): string => (c.bold ? `${c.h3} › ${c.bold}` : c.h3);

export function groupBy<T extends Context>(xs: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) out.set(groupKey(x), [...(out.get(groupKey(x)) ?? []), x]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Template helpers
// ---------------------------------------------------------------------------------------------

export const phases = defaultTemplate.phases;
export const playbook = defaultTemplate.playbook;

export function phase(key: TPhaseKey) {
  const p = phases.find((x) => x.key === key);
  if (!p) throw new Error(`phase ${key} missing`);
  return p;
}
export function section(key: TPhaseKey, title: string) {
  const s = phase(key).sections.find((x) => x.title === title);
  if (!s) throw new Error(`section ${key} / ${title} missing`);
  return s;
}
export const allSections = phases.flatMap((p) => p.sections);
export const allItems = allSections.flatMap((s) => s.items);

export function walk(node: TDecisionNode): TDecisionNode[] {
  return [node, ...(node.children ?? []).flatMap(walk)];
}

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
export const FIELD = String.raw`\{\{[a-z][A-Za-z0-9]*\}\}`;
/** What a "[PLACEHOLDER]" may become: text on the same line with at least one {{field}}. */
export const PLACEHOLDER = String.raw`(?:[^\n{}\[\]]*${FIELD})+[^\n{}\[\]]*?`;
export const fieldsOf = (body: string) => [...body.matchAll(/\{\{([^}]+)\}\}/g)].map((m) => m[1]);

// ---------------------------------------------------------------------------------------------
// Mapping from the runbook's structure to the template
// ---------------------------------------------------------------------------------------------

/** Every checkbox group of the runbook, by "### heading" or "### heading › **bold heading**". */
export const CHECKBOX_GROUPS: Record<string, { phase: TPhaseKey; section: string } | "goNoGo"> = {
  "System Verification": { phase: "pre_deployment", section: "System Verification" },
  "Team Preparation": { phase: "pre_deployment", section: "Team Preparation" },
  "Final Code Check": { phase: "pre_deployment", section: "Final Code Check" },
  Communication: { phase: "pre_deployment", section: "Communication" },
  "Phase 1: Staging Deployment › Checkpoints": { phase: "staging", section: "Deploy to Staging" },
  "Phase 2: Smoke Testing › Manual Verification Checklist": {
    phase: "smoke_testing",
    section: "Manual Verification Checklist",
  },
  "Phase 3: Production Deployment › Deployment Checkpoints": {
    phase: "production",
    section: "Deployment Checkpoints",
  },
  "Phase 4: Production Validation › Manual Validation": { phase: "validation", section: "Manual Validation" },
  "Immediate Monitoring › Every 5 Minutes": { phase: "post_deployment", section: "Every 5 Minutes" },
  "Immediate Monitoring › Every 15 Minutes": { phase: "post_deployment", section: "Every 15 Minutes" },
  "Morning Of Deployment": { phase: "pre_deployment", section: "Morning Of Deployment" },
  "30 Minutes Before": { phase: "pre_deployment", section: "30 Minutes Before" },
  "Go/No-Go Decision": "goNoGo",
};

/** "### X (N minutes)" section headings → the sections that carry that budget. */
export const SECTION_BUDGET_HEADINGS: Record<string, Array<[TPhaseKey, string]>> = {
  "System Verification": [["pre_deployment", "System Verification"]],
  "Team Preparation": [["pre_deployment", "Team Preparation"]],
  "Final Code Check": [["pre_deployment", "Final Code Check"]],
  Communication: [["pre_deployment", "Communication"]],
  "Immediate Monitoring": [
    ["post_deployment", "Every 5 Minutes"],
    ["post_deployment", "Every 15 Minutes"],
  ],
  Documentation: [["post_deployment", "Documentation"]],
  "Team Communication": [["post_deployment", "Team Communication"]],
  "Extended Monitoring": [["post_deployment", "Extended Monitoring"]],
};

export const PHASE_HEADINGS: Record<string, TPhaseKey> = {
  "Phase 1: Staging Deployment": "staging",
  "Phase 2: Smoke Testing": "smoke_testing",
  "Phase 3: Production Deployment": "production",
  "Phase 4: Production Validation": "validation",
};

export const TREE_HEADINGS: Record<string, { key: string; signal: string }> = {
  "Issue: Build Fails": { key: "build_fails", signal: "build_item_failed" },
  "Issue: Staging Tests Fail": { key: "staging_tests_fail", signal: "staging_item_failed" },
  "Issue: Canary Metrics Red": { key: "canary_red", signal: "canary_rollback_rule" },
  "Issue: Progressive Rollout Errors": { key: "rollout_errors", signal: "rollout_rollback_rule" },
};

export const COMM_HEADINGS: Record<string, "pre_deployment" | "in_progress" | "complete" | "rollback"> = {
  "Pre-Deployment": "pre_deployment",
  "Deployment In Progress": "in_progress",
  "Deployment Complete": "complete",
  "Rollback": "rollback",
};

// ---------------------------------------------------------------------------------------------
