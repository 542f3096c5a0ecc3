// Compressed time for rehearsals and the demo: a run's rule windows and rollout checkpoints divided
// by one factor, each label saying so ("Canary metrics green (5 minutes) [time ×30: 10 s]"), so
// nobody on the bridge mistakes ten seconds for five minutes. Pure; applied once, to the run's copy
// of the playbook when the run is made (the template is never changed).
import { DEFAULT_COMPARE_WINDOW_MINUTES } from "./compare-rule";
import { formatSecondsInWords } from "./time-format";

/** 1 is real time; the others are for rehearsals (the demo accepts any whole factor up to 60). */
export const TIME_SCALES = [1, 10, 30, 60] as const;
export const MAX_TIME_SCALE = 60;

type TWindowed = { label: string; window: { kind: string; minutes?: number }; compare?: unknown; windowMinutes?: number };
type TStep = { greenMinutes: number; checkpoint: string };

/** "30 s", "1 min 30 s": what a compressed window lasts in real time. */
export function compressedDuration(minutes: number, scale: number): string {
  return formatSecondsInWords(Math.round((minutes * 60) / scale));
}

const tag = (minutes: number, scale: number) => ` [time ×${scale}: ${compressedDuration(minutes, scale)}]`;

/** The playbook with every rule window and checkpoint `scale` times shorter, labelled as such. */
export function compressPlaybook<T extends Record<string, unknown>>(playbook: T, scale: number): T {
  if (scale === 1) return playbook;
  const windows = (list: unknown) =>
    ((list as TWindowed[] | undefined) ?? []).map((t) =>
      // A compare rule's window is its comparison window: canary and production over the same minutes.
      t.compare
        ? { ...t, label: `${t.label}${tag(t.windowMinutes ?? DEFAULT_COMPARE_WINDOW_MINUTES, scale)}`, windowMinutes: (t.windowMinutes ?? DEFAULT_COMPARE_WINDOW_MINUTES) / scale }
        : t.window.kind === "immediate" || !t.window.minutes
          ? t
          : { ...t, label: `${t.label}${tag(t.window.minutes, scale)}`, window: { ...t.window, minutes: t.window.minutes / scale } },
    );
  const steps = ((playbook.rolloutSteps as TStep[] | undefined) ?? []).map((s) => ({
    ...s,
    greenMinutes: s.greenMinutes / scale,
    checkpoint: `${s.checkpoint}${tag(s.greenMinutes, scale)}`,
  }));
  return {
    ...playbook,
    escalationThresholds: windows(playbook.escalationThresholds),
    rollbackTriggers: windows(playbook.rollbackTriggers),
    successMetrics: windows(playbook.successMetrics),
    rolloutSteps: steps,
  };
}
