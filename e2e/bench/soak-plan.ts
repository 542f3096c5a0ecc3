// What bench:soak replays each simulated hour, and its targets judged on the hourly figures. Pure.
import { DAY, type TSoakBenchOptions } from "./soak-options";

export type THourQuota = { events: number; samples: number; realMs: number };

/** Every hour carries a twelfth of the day, whatever --hours says: a shorter run is the day's start. */
export function hourQuota(options: Pick<TSoakBenchOptions, "speed" | "events" | "samples">): THourQuota {
  return { events: Math.round(options.events / DAY.hours), samples: Math.round(options.samples / DAY.hours), realMs: 3_600_000 / options.speed };
}

/** Spreads `total` over `parts` as evenly as whole numbers allow (the first ones get the remainder). */
export function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

export type THourFigures = {
  hour: number;
  rssBytes: number;
  heapBytes: number;
  eventLoopP99Ms: number;
  dbBytes: number;
  warRoomLoadMs: number;
  bridgeHeapBytes: number;
  warRoomHeapBytes: number;
};

export type TDelivery = { viewers: number; lost: number; outOfOrder: number; duplicates: number };

export type TTarget = { name: string; measured: string; target: string; isMet: boolean };

/** Targets allow this much growth from hour 2 (everything warm, caches full) to the last hour. */
export const MAX_GROWTH = 0.1;
export const MAX_EVENT_LOOP_RATIO = 1.5;
export const MAX_WAR_ROOM_LOAD_MS = 1000;

const growth = (from: number, to: number) => (to - from) / from;
const percent = (ratio: number) => `${ratio >= 0 ? "+" : ""}${(ratio * 100).toFixed(1)}%`;

export function judgeSoak(hours: readonly THourFigures[], delivery: TDelivery): TTarget[] {
  if (hours.length < 2) throw new Error("the soak's targets need at least two simulated hours");
  const [first, second, last] = [hours[0], hours[1], hours[hours.length - 1]];
  const grown = (name: string, pick: (h: THourFigures) => number): TTarget => {
    const ratio = growth(pick(second), pick(last));
    return { name, measured: `${percent(ratio)} (hour 2 → hour ${last.hour})`, target: `≤ +${MAX_GROWTH * 100}%`, isMet: ratio <= MAX_GROWTH };
  };
  const loopRatio = last.eventLoopP99Ms / Math.max(first.eventLoopP99Ms, 1e-9);
  return [
    grown("server RSS", (h) => h.rssBytes),
    grown("bridge page heap", (h) => h.bridgeHeapBytes),
    grown("war room page heap", (h) => h.warRoomHeapBytes),
    {
      name: "event-loop p99",
      measured: `${loopRatio.toFixed(2)}× hour 1 (${last.eventLoopP99Ms.toFixed(1)} ms vs ${first.eventLoopP99Ms.toFixed(1)} ms)`,
      target: `≤ ${MAX_EVENT_LOOP_RATIO}×`,
      isMet: loopRatio <= MAX_EVENT_LOOP_RATIO,
    },
    { name: `war room first load, hour ${last.hour}`, measured: `${Math.round(last.warRoomLoadMs)} ms`, target: `≤ ${MAX_WAR_ROOM_LOAD_MS} ms`, isMet: last.warRoomLoadMs <= MAX_WAR_ROOM_LOAD_MS },
    {
      name: "every viewer saw every event in order",
      measured: `${delivery.lost} lost · ${delivery.outOfOrder} out of order · ${delivery.duplicates} duplicates over ${delivery.viewers} viewers`,
      target: "0 lost, 0 out of order",
      isMet: delivery.lost === 0 && delivery.outOfOrder === 0,
    },
  ];
}
