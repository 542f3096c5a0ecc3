// The rollout steps a template defines (Canary 10% → Progressive 50% → Full 100%), as the template
// editor edits them: what makes a list of steps usable on the day, in messages that name the step and
// the field ("Rollout step 2 “Progressive”: 40% must be more than step 1's 50%"), each with the path
// of its field. The editor, the save command and the playbook schema all apply this one check. Pure.

export type TRolloutStepDraft = { uid: string; percent: number | null; label: string; greenMinutes: number | null; checkpoint: string };
export type TRolloutStepProblem = { path: string; message: string };

export const MAX_ROLLOUT_STEPS = 10;
/** A day: no checkpoint of a deployment day waits longer; more is a typing mistake. */
export const MAX_CHECKPOINT_MINUTES = 24 * 60;
export const ROLLOUT_LIMITS = { label: 100, checkpoint: 200 };

type TStepLike = { percent: number | null; label: string; greenMinutes: number | null; checkpoint: string };

const quote = (text: string) => (text.trim() ? ` “${text.trim()}”` : "");

/** Problems with the steps, in order (empty when they are fine). `base` prefixes each path. */
export function validateRolloutSteps(steps: readonly TStepLike[], base = "rolloutSteps"): TRolloutStepProblem[] {
  const problems: TRolloutStepProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (steps.length === 0) add(base, "Rollout: at least one step is required (the last sends 100% of traffic)");
  if (steps.length > MAX_ROLLOUT_STEPS) add(base, `Rollout: at most ${MAX_ROLLOUT_STEPS} steps`);
  let previous: { index: number; percent: number } | null = null;
  steps.forEach((step, i) => {
    const where = `Rollout step ${i + 1}${quote(step.label)}`;
    const path = `${base}.${i}`;
    const { percent } = step;
    if (percent === null) add(`${path}.percent`, `${where}: percent of traffic is required`);
    else if (!Number.isInteger(percent) || percent < 1 || percent > 100) add(`${path}.percent`, `${where}: percent must be a whole number from 1 to 100 (it is ${percent})`);
    else {
      if (previous && percent <= previous.percent) {
        add(`${path}.percent`, `${where}: ${percent}% must be more than step ${previous.index + 1}'s ${previous.percent}% (each step sends more traffic)`);
      }
      previous = { index: i, percent };
    }
    if (!step.label.trim()) add(`${path}.label`, `${where}: name is required`);
    else if (step.label.trim().length > ROLLOUT_LIMITS.label) add(`${path}.label`, `${where}: name is longer than ${ROLLOUT_LIMITS.label} characters`);
    const minutes = step.greenMinutes;
    if (minutes === null) add(`${path}.greenMinutes`, `${where}: checkpoint minutes are required`);
    else if (!Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_CHECKPOINT_MINUTES) {
      add(`${path}.greenMinutes`, `${where}: checkpoint minutes must be more than 0 and at most ${MAX_CHECKPOINT_MINUTES} (a day)`);
    }
    if (!step.checkpoint.trim()) add(`${path}.checkpoint`, `${where}: checkpoint name is required`);
    else if (step.checkpoint.trim().length > ROLLOUT_LIMITS.checkpoint) add(`${path}.checkpoint`, `${where}: checkpoint name is longer than ${ROLLOUT_LIMITS.checkpoint} characters`);
  });
  const last = steps.at(-1);
  if (last && last.percent !== null && Number.isInteger(last.percent) && last.percent !== 100) {
    add(`${base}.${steps.length - 1}.percent`, `Rollout step ${steps.length}${quote(last.label)}: the last step must send 100% of traffic (it is ${last.percent}%)`);
  }
  return problems;
}

/**
 * The checkpoint's name after its minutes changed: "Canary metrics green (5 minutes)" becomes
 * "… (10 minutes)" when it said the old duration in that form; any other name is the lead's own and kept.
 */
export function renameCheckpoint(name: string, minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes) || minutes <= 0) return name;
  const said = `(${Number(minutes.toFixed(2))} ${minutes === 1 ? "minute" : "minutes"})`;
  return /\(\d+(\.\d+)? minutes?\)$/.test(name.trim()) ? name.trim().replace(/\(\d+(\.\d+)? minutes?\)$/, said) : name;
}
