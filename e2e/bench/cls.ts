// Cumulative Layout Shift as Chrome reports it since 2021: shifts grouped in session windows (a gap
// of 1 s or more, or 5 s since the window opened, starts a new one), shifts right after user input
// left out, and the largest window's sum as the score.

export type TLayoutShift = { startTime: number; value: number; hadRecentInput: boolean };

const GAP_MS = 1000;
const WINDOW_MS = 5000;

export function cumulativeLayoutShift(shifts: readonly TLayoutShift[]): number {
  let largest = 0;
  let windowStart = Number.NEGATIVE_INFINITY;
  let previous = Number.NEGATIVE_INFINITY;
  let sum = 0;
  const ordered = shifts.filter((shift) => !shift.hadRecentInput).sort((a, b) => a.startTime - b.startTime);
  for (const shift of ordered) {
    if (shift.startTime - previous >= GAP_MS || shift.startTime - windowStart >= WINDOW_MS) {
      windowStart = shift.startTime;
      sum = 0;
    }
    sum += shift.value;
    previous = shift.startTime;
    largest = Math.max(largest, sum);
  }
  return largest;
}
