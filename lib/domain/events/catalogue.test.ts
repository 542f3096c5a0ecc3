// The catalogue's promise: a type added to it cannot be half handled. The type-level half runs in
// `npm run typecheck` (tsc checks this file): each table, checked against a catalogue with one more
// type, must fail — the @ts-expect-error lines fail the typecheck if a table ever stops failing.
// The runtime half checks the same tables list exactly the catalogue's types.
import { describe, expect, it } from "vitest";
import { COMMS_FOLD } from "../comms-events";
import { DECISIONS_FOLD } from "../decision-events";
import { DESCRIBERS } from "../describe-event";
import { GO_NO_GO_FOLD } from "../go-no-go-events";
import { METRICS_FOLD } from "../metric-events";
import { PUBLIC_PROJECTIONS } from "../public-projection";
import { RUN_FOLD } from "../run-snapshot";
import { NOTIFICATION_MESSAGES } from "../notify/messages";
import { HIDDEN_EVENT, parseRunEvent, RUN_EVENT_CATALOGUE, type TRunEventType } from "./catalogue";
import { ignored, type TFoldTable } from "./tables";

/** The catalogue as it would be with one more event type ("run.locked", as a later feature adds). */
type TWiderType = TRunEventType | "run.locked";
type TEveryWiderType = Record<TWiderType, unknown>;

// @ts-expect-error the snapshot fold has no entry for "run.locked"
const runFold: TEveryWiderType = RUN_FOLD;
// @ts-expect-error the go/no-go fold has no entry for "run.locked"
const pollFold: TEveryWiderType = GO_NO_GO_FOLD;
// @ts-expect-error the metrics fold has no entry for "run.locked"
const metricsFold: TEveryWiderType = METRICS_FOLD;
// @ts-expect-error the comms fold has no entry for "run.locked"
const commsFold: TEveryWiderType = COMMS_FOLD;
// @ts-expect-error the decisions fold has no entry for "run.locked"
const decisionsFold: TEveryWiderType = DECISIONS_FOLD;
// @ts-expect-error the describers have no entry for "run.locked"
const describers: TEveryWiderType = DESCRIBERS;
// @ts-expect-error the public projection has no entry for "run.locked"
const projections: TEveryWiderType = PUBLIC_PROJECTIONS;
// @ts-expect-error the notification mapping has no entry for "run.locked"
const webhooks: TEveryWiderType = NOTIFICATION_MESSAGES;

// And with today's catalogue every table is complete (no error here).
const complete: Record<TRunEventType, unknown>[] = [RUN_FOLD, GO_NO_GO_FOLD, METRICS_FOLD, COMMS_FOLD, DECISIONS_FOLD, DESCRIBERS, PUBLIC_PROJECTIONS, NOTIFICATION_MESSAGES];

// A table declared against the catalogue that forgets one type is refused where it is written.
const { "share.revoked": _forgotten, ...allButOne } = ignored(...(Object.keys(RUN_EVENT_CATALOGUE) as TRunEventType[]));
// @ts-expect-error "share.revoked" is missing
const forgetful = allButOne satisfies TFoldTable<number>;

describe("the run event catalogue", () => {
  const types = Object.keys(RUN_EVENT_CATALOGUE).sort();

  it("every table keyed by event type lists exactly the catalogue's types", () => {
    for (const table of complete) expect(Object.keys(table).sort()).toEqual(types);
    expect([runFold, pollFold, metricsFold, commsFold, decisionsFold, describers, projections, webhooks].every((t) => t !== null)).toBe(true);
    expect(Object.keys(forgetful)).not.toContain("share.revoked");
  });

  it("reads a stored event with its type's schema, and hides one that does not match (keeping its seq)", () => {
    const raw = { runId: "r", seq: 4, actorId: null, actorName: "Lee", createdAt: "2026-12-01T00:00:00.000Z" };
    const good = parseRunEvent({ ...raw, type: "share.revoked", payload: { linkId: "l", label: "Execs" } });
    expect(good).toEqual({ event: { ...raw, type: "share.revoked", payload: { linkId: "l", label: "Execs" } }, problem: null });
    const bad = parseRunEvent({ ...raw, type: "share.revoked", payload: { linkId: 7 } });
    expect(bad.event).toEqual({ ...raw, type: HIDDEN_EVENT, payload: null });
    expect(bad.problem).toContain("share.revoked #4: linkId");
    const unknown = parseRunEvent({ ...raw, type: "run.teleported", payload: {} });
    expect(unknown.event.type).toBe(HIDDEN_EVENT);
    expect(unknown.problem).toContain("unknown event type “run.teleported”");
  });
});
