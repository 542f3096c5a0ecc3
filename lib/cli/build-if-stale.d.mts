// Types of build-if-stale.mjs for the TypeScript that imports it (e2e/bench/bench.ts).
/** Runs `npm run build` when the sources are newer than the last build; returns its exit status (0 when fresh). */
export function buildIfStale(): number;
