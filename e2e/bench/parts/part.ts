// What each part of `npm run bench` gets and gives back: the options and the port pool in, rows of
// the closing side-by-side table out. A part prints its own detailed lines as it goes.
import type { TBenchOptions } from "../bench-options";
import type { TPortPool } from "../ports";
import type { TBenchRow } from "../table";

export type TPartContext = { options: TBenchOptions; ports: TPortPool };
export type TPart = (context: TPartContext) => Promise<TBenchRow[]>;

/** Milliseconds as a table figure; null stays null (nothing measured). */
export const msFigure = (value: number | undefined | null) => (value === undefined || value === null ? null : { value, unit: "ms" as const });
