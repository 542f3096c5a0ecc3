// Ports for the servers a benchmark starts: consecutive from `--port` when given (so a run can be
// kept inside a range other services leave free), else whatever the kernel says is free.
import { freePort } from "../../lib/db/embedded";

export type TPortPool = { next: () => Promise<number> };

export function createPortPool(first?: number): TPortPool {
  let offset = 0;
  return {
    next: async () => (first === undefined ? freePort() : first + offset++),
  };
}
