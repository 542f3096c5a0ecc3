// Commands on one run take turns in this process before they open a transaction. They are
// serialised by the run's row lock anyway; waiting here instead of in the lock queue holds no pooled
// database connection, and the turns go round-robin across senders (lib/domain/fair-turns.ts), so a
// member with commands queued delays a lead's change by at most one of them. Across instances the
// row lock still serialises. Shared by the socket server's modules and Next's bundles (globalThis).
import "server-only";
import { FairTurns } from "../domain/fair-turns";
import { AppError } from "../errors";

/** A command waiting longer than this for its turn is refused, as one that found no pooled connection in time was. */
export const MAX_TURN_WAIT_MS = 5_000;
/** More than this many waiting on one run: refused at once. */
export const MAX_WAITING_PER_RUN = 200;

type TLine = { turns: FairTurns<() => void> };

const store = globalThis as typeof globalThis & { __warroomRunTurns?: Map<string, TLine> };
const lines = () => (store.__warroomRunTurns ??= new Map());

const tooBusy = () => new AppError("unavailable", "Warroom is too busy to take this change now; try again in a moment.");

/** Runs `work` when it is `sender`'s turn on the run; the next turn starts when it settles. */
export async function inRunTurn<T>(runId: string, sender: string, work: () => Promise<T>): Promise<T> {
  let line = lines().get(runId);
  if (!line) {
    // Nobody on this run: go at once (the line's existence marks a turn in progress).
    line = { turns: new FairTurns() };
    lines().set(runId, line);
  } else {
    const waitingIn = line;
    if (waitingIn.turns.waitingCount >= MAX_WAITING_PER_RUN) throw tooBusy();
    await new Promise<void>((resolve, reject) => {
      const start = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        if (waitingIn.turns.remove(sender, start)) reject(tooBusy());
      }, MAX_TURN_WAIT_MS);
      waitingIn.turns.add(sender, start);
    });
  }
  try {
    return await work();
  } finally {
    const next = line.turns.next();
    if (next) next();
    else lines().delete(runId);
  }
}
