// Where the one rollback action is offered (header, banner, decision guides) must be exactly where the
// status machine lets a run roll back, or a lead is offered a button that is only refused.
import { describe, expect, it } from "vitest";
import { canRollBack, checkTransition, RUN_STATUSES } from "./run-status";

describe("canRollBack: offered exactly where the rollback move is legal", () => {
  it.each(RUN_STATUSES)("%s", (status) => {
    const move = checkTransition(status, "rolled_back", { phases: [], reason: "canary errors" });
    expect(canRollBack(status)).toBe(move.ok);
  });
});
