import { describe, expect, it } from "vitest";
import { describeEvent } from "./describe-event";
import { completePayload } from "./events/event-fixture";

// Stored payloads are complete (the command path writes them); each test names the fields it is about.
const valid = (type: string, actorName: string, fields: Record<string, unknown>) => ({ type, actorName, payload: completePayload(type, fields) });

const item = (state: string, note: string | null = null) => valid("item.changed", "Lee Lead", { itemId: "i1", text: "Backup created", state, note, version: 1 });
const status = (to: string, reason: string | null = null) => valid("run.status_changed", "Lee Lead", { from: "planned", to, reason, version: 2 });

describe("describeEvent", () => {
  it("describes run creation", () => {
    expect(describeEvent(valid("run.created", "Lee Lead", { name: "Release 2.4" }))).toBe(
      "Lee Lead created the run",
    );
  });

  describe("item.changed", () => {
    it("done → ticked", () => expect(describeEvent(item("done"))).toBe("Lee Lead ticked “Backup created”"));
    it("skipped → skipped, with the reason", () =>
      expect(describeEvent(item("skipped", "Done yesterday"))).toBe("Lee Lead skipped “Backup created” (Done yesterday)"));
    it("failed → marked failed, with the note", () =>
      expect(describeEvent(item("failed", "Disk full"))).toBe("Lee Lead marked “Backup created” failed (Disk full)"));
    it("failed without a note has no empty brackets", () =>
      expect(describeEvent(item("failed", "  "))).toBe("Lee Lead marked “Backup created” failed"));
    it("open → reopened", () => expect(describeEvent(item("open"))).toBe("Lee Lead reopened “Backup created”"));
    it("an override in a note cannot reverse the rest of the sentence", () =>
      expect(describeEvent({ ...item("skipped", "Done\u202E yesterday"), actorName: "Lee\u2067 Lead" })).toBe("Lee Lead skipped “Backup created” (Done yesterday)"));
  });

  describe("run.status_changed", () => {
    it("names the new status", () => expect(describeEvent(status("staging"))).toBe("Lee Lead moved the run to Staging"));
    it("uses a verb for end states and gives the reason", () =>
      expect(describeEvent(status("rolled_back", "Error rate 7%"))).toBe("Lee Lead rolled the run back (Error rate 7%)"));
    it("aborted", () => expect(describeEvent(status("aborted", "Vendor outage"))).toBe("Lee Lead aborted the run (Vendor outage)"));
  });

  it("describes a rollout step", () => {
    expect(
      describeEvent(valid("rollout.advanced", "Lee Lead", { percent: 10, label: "Canary", version: 3 })),
    ).toBe("Rollout at 10% (Canary) by Lee Lead");
  });

  it("falls back to the type in words for an unknown event", () => {
    expect(describeEvent({ type: "future.thing_done", actorName: "Lee Lead", payload: {} })).toBe("Lee Lead: future thing done");
  });

  it("describes a round of recurring checks, with its note", () => {
    expect(describeEvent(valid("check.completed", "Mo Member", { sectionTitle: "Every 5 Minutes", note: null }))).toBe(
      "Mo Member did the “Every 5 Minutes” checks",
    );
    expect(describeEvent(valid("check.completed", "Mo Member", { sectionTitle: "Every 5 Minutes", note: "p99 at 420ms" }))).toBe(
      "Mo Member did the “Every 5 Minutes” checks (p99 at 420ms)",
    );
  });

  it("falls back when a known type has a malformed payload", () => {
    expect(describeEvent({ type: "item.changed", actorName: "Lee Lead", payload: null })).toBe("Lee Lead: item changed");
    expect(describeEvent({ type: "run.status_changed", actorName: "Lee Lead", payload: { to: "nowhere" } })).toBe(
      "Lee Lead: run status changed",
    );
  });

  it("never shows a blank actor", () => {
    expect(describeEvent(valid("run.created", " ", {}))).toBe("Someone created the run");
  });
});

describe("share-link events", () => {
  it("name the link, never its token", () => {
    expect(describeEvent({ type: "share.created", actorName: "Lee Lead", payload: { linkId: "l1", label: "Execs", expiresAt: "2026-12-02T21:00:00.000Z", includeCharts: false } })).toBe(
      "Lee Lead created the status link “Execs”",
    );
    expect(describeEvent({ type: "share.revoked", actorName: "Lee Lead", payload: { linkId: "l1", label: "Execs" } })).toBe("Lee Lead revoked the status link “Execs”");
  });
});
