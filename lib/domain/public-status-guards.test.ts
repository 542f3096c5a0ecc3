// A lock or freeze reaches a status link as "Paused" with a general reason, never the holder or why.
import { describe, expect, it } from "vitest";
import { toPublicEvent } from "./public-projection";
import { redactSnapshot } from "./public-snapshot";
import { applyPublicEvent, publicStatusOf, publicView } from "./public-status";
import { at, event, SECRET, snapshot, T0 } from "./public-status-fixture";
import { applyRunEvent } from "./run-snapshot";

describe("a lock or freeze on a status link", () => {
  const lock = { id: "lock-1", service: "midi-api", reason: `${SECRET} migration`, holderName: `${SECRET} Holder`, takenAt: T0 };
  const freeze = { id: "fr-1", service: null, reason: `${SECRET} freeze`, createdByName: `${SECRET} Admin`, kind: "range" as const, startsAt: at(-60).toISOString(), endsAt: at(600).toISOString(), timeZone: "UTC" };

  it("says Paused with a general reason, live from the projected events, never who holds the lock or why", () => {
    const inProduction = snapshot({ status: "production", rolloutPercent: 10, guards: { locks: [], freezes: [], override: null } });
    const taken = event(6, "lock.taken", { lock });
    const folded = applyPublicEvent(publicStatusOf(inProduction, []), toPublicEvent(taken));
    const view = publicView(folded, at(10));
    expect(view.light).toEqual({ state: "attention", word: "PAUSED", reason: "Paused — deployments of this service are on hold" });
    expect(JSON.stringify(folded)).not.toContain(SECRET);
    // The same as redacting the war room's own fold.
    expect(view).toEqual(publicView(publicStatusOf(applyRunEvent(inProduction, taken), [taken]), at(10)));
  });

  it("says the deployment freeze for a freeze, and nothing once this run overrode it", () => {
    const frozen = snapshot({ status: "production", rolloutPercent: 10, guards: { locks: [], freezes: [freeze], override: null } });
    expect(publicView(publicStatusOf(frozen, []), at(10)).light).toEqual({ state: "attention", word: "PAUSED", reason: "Paused — deployment freeze" });
    expect(JSON.stringify(redactSnapshot(frozen))).not.toContain(SECRET);
    const overridden = event(6, "guard.overridden", { keys: ["freeze:fr-1"], messages: [SECRET], reason: `${SECRET} hotfix`, byName: "Lee Lead", at: T0 });
    const view = publicView(applyPublicEvent(publicStatusOf(frozen, []), toPublicEvent(overridden)), at(10));
    // What it says then is the run's own state (no metrics here: UNVERIFIED), no longer the freeze.
    expect(view.light.word).toBe("UNVERIFIED");
    expect(JSON.stringify(toPublicEvent(overridden))).not.toContain(SECRET);
  });
});
