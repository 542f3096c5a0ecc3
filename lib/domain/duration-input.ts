// Durations as people type and read them in the rule editor: "10 s", "5 min", "2 min 30 s", "1 h".
// Rules store minutes, and a rehearsal divides them (a 5-minute window at ×30 is 1/6 min), so a field
// that showed the stored number would read "0.16666666666666666". Pure.

const UNIT_SECONDS: Record<string, number> = { s: 1, sec: 1, secs: 1, second: 1, seconds: 1, m: 60, min: 60, mins: 60, minute: 60, minutes: 60, h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600 };

/** Seconds as "10 s", "5 min", "2 min 30 s", "1 h 30 min"; a fraction of a second is kept to 0.1 s. */
export function formatDurationSeconds(totalSeconds: number): string {
  const rounded = Math.round(totalSeconds * 10) / 10;
  if (rounded < 60) return `${Number(rounded.toFixed(1))} s`;
  const whole = Math.round(rounded);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return [h ? `${h} h` : "", m ? `${m} min` : "", s ? `${s} s` : ""].filter(Boolean).join(" ");
}

/** Stored minutes as a person reads them: 1/6 → "10 s", 5 → "5 min", 2.5 → "2 min 30 s". */
export function formatDurationInput(minutes: number): string {
  return formatDurationSeconds(minutes * 60);
}

/**
 * What a person typed, in minutes: "10 s", "10s", "5 min", "5m", "1 h 30 min", "2:30" (m:ss), or a bare
 * number of minutes ("5", "0.5"). Null when it is not a duration (or not more than zero).
 */
export function parseDurationInput(text: string): number | null {
  const input = text.trim().toLowerCase();
  if (!input) return null;
  if (/^\d+(\.\d+)?$/.test(input)) return positive(Number(input));
  const clock = /^(\d+):([0-5]\d)$/.exec(input);
  if (clock) return positive(Number(clock[1]) + Number(clock[2]) / 60);
  // Everything typed must be number-unit pairs: "5 min and a bit" is not a duration.
  const compact = input.replace(/\s+/g, "");
  if (!/^(\d+(\.\d+)?[a-z]+)+$/.test(compact)) return null;
  const parts = [...compact.matchAll(/(\d+(?:\.\d+)?)([a-z]+)/g)];
  let seconds = 0;
  for (const [, amount, unit] of parts) {
    const factor = UNIT_SECONDS[unit];
    if (!factor) return null;
    seconds += Number(amount) * factor;
  }
  return positive(seconds / 60);
}

const positive = (minutes: number) => (Number.isFinite(minutes) && minutes > 0 ? minutes : null);
