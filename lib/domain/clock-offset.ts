// How far this screen's clock is from the server's, so every screen counts down to the same second.
// NTP's assumption: a message takes half the round trip each way. The server stamps its heartbeat
// when sending and tells the client the round trip it last measured to it (lib/realtime/server/heartbeat.ts).
// Pure: times are passed in.

export type TClockSample = { offsetMs: number; rttMs: number | null };

/** How many recent samples are kept: the one with the shortest round trip is the most trustworthy. */
export const CLOCK_SAMPLES_KEPT = 8;

/** One heartbeat: the server's time when sent, the round trip it last measured (null: not yet), and when it arrived here. */
export function clockSample(serverTime: number, rttMs: number | null, receivedAt: number): TClockSample {
  const oneWayMs = rttMs === null ? 0 : Math.max(0, rttMs) / 2;
  return { offsetMs: serverTime + oneWayMs - receivedAt, rttMs };
}

/** Newest last; keeps the last CLOCK_SAMPLES_KEPT. */
export function addClockSample(samples: readonly TClockSample[], sample: TClockSample): TClockSample[] {
  return [...samples, sample].slice(-CLOCK_SAMPLES_KEPT);
}

/**
 * The offset to add to this clock to read the server's: the sample with the shortest measured round
 * trip (least room for asymmetry), or the newest when no round trip is known yet; 0 with no sample.
 */
export function clockOffset(samples: readonly TClockSample[]): number {
  const measured = samples.filter((s) => s.rttMs !== null);
  if (measured.length === 0) return samples.at(-1)?.offsetMs ?? 0;
  return measured.reduce((best, s) => (s.rttMs! < best.rttMs! ? s : best)).offsetMs;
}
