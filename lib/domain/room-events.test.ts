import { describe, expect, it } from "vitest";
import { completePayload, fixtureEvent } from "./events/event-fixture";
import { roomEvents, roomLine } from "./room-events";

const T = "2026-12-05T14:00:00.000Z";
const change = (fields: Record<string, unknown>) => ({ ruleId: "r", label: "Error rate > 5% sustained (5 minutes)", metric: "error_rate", severity: "rollback", unit: "%", from: "ok", to: "firing", since: T, value: 7.5, stage: "canary", ...fields });
const event = (seq: number, type: string, payload: Record<string, unknown>, actorName = "Dana Deploy") => fixtureEvent({ seq, type, payload, actorName, createdAt: T });

describe("the room's event list", () => {
  it("tells the run's story: ticks read as the timeline says", () => {
    const tick = event(1, "item.changed", completePayload("item.changed", { text: "Backup created", changedByName: "Dana Deploy" }));
    expect(roomLine(tick)).toBe("Dana Deploy ticked “Backup created”");
  });

  it("never shows webhook hosts, deliveries, tokens or status links", () => {
    const webhook = { id: "w", name: "Team chat", host: "hooks.internal.example:8443", format: "slack", isEnabled: true };
    expect(roomLine(event(1, "comms.webhook_saved", { webhook, isNew: true }))).toBeNull();
    expect(roomLine(event(2, "announcement.delivery", completePayload("announcement.delivery", { title: "Update", delivery: { targetName: "hooks.internal.example", status: "failed", attempts: 3 } })))).toBeNull();
    expect(roomLine(event(3, "metrics.token_created", { token: { id: "t", name: "ci", prefix: "wrm_ab" } }))).toBeNull();
    expect(roomLine(event(4, "share.created", { linkId: "s", label: "Customer success" }))).toBeNull();
  });

  it("tells the room about a lock on the service, but leaves Flagger's own messages (which can quote query errors) to the war room", () => {
    const lock = event(1, "lock.taken", { lock: { id: "l", service: "checkout-api", reason: "Payments freeze", holderName: "Dana Deploy", takenAt: T } });
    expect(roomLine(lock)).toBe("Dana Deploy locked checkout-api: Payments freeze");
    const flagger = event(2, "flagger.event", { canary: "checkout", phase: "Progressing", eventType: "Warning", message: "Halt advancement: Get http://10.0.0.5:9090: connect ECONNREFUSED" }, "Flagger");
    expect(roomLine(flagger)).toBeNull();
  });

  it("says an announcement was posted without naming where it was sent", () => {
    const posted = event(1, "announcement.posted", {
      id: "a", templateKey: "in_progress", title: "Deployment In Progress", body: "…", postedByName: "Dana Deploy", postedAt: T,
      deliveries: [{ targetId: "w", targetName: "hooks.internal.example", status: "pending", attempts: 0 }],
    });
    expect(roomLine(posted)).toBe("Dana Deploy posted the announcement “Deployment In Progress”");
  });

  it("gives a rule's news without the data source's error text of a held checkpoint", () => {
    const held = event(1, "metrics.states_changed", {
      changes: [change({})],
      alertsRaised: [{ label: "Error rate > 5% sustained (5 minutes)" }],
      checkpoint: { startedAt: null, reason: "error_rate: the data source failed (connect ECONNREFUSED 10.0.0.5:9090)" },
    }, "Monitoring");
    const line = roomLine(held);
    expect(line).toBe("Monitoring: ROLLBACK RECOMMENDED: “Error rate > 5% sustained (5 minutes)”; “Error rate > 5% sustained (5 minutes)” firing");
    expect(line).not.toContain("ECONNREFUSED");
  });

  it("leaves out data merely arriving for calm rules", () => {
    const calm = event(1, "metrics.states_changed", { changes: [change({ from: "inconclusive", to: "ok" })], alertsRaised: [] }, "Monitoring");
    expect(roomLine(calm)).toBeNull();
  });

  it("keeps the newest entries the room may see, up to the limit", () => {
    const timeline = [
      event(4, "share.created", { linkId: "s", label: "x" }),
      event(3, "item.changed", completePayload("item.changed", { text: "C" })),
      event(2, "item.changed", completePayload("item.changed", { text: "B" })),
      event(1, "item.changed", completePayload("item.changed", { text: "A" })),
    ];
    expect(roomEvents(timeline, 2).map((e) => e.event.seq)).toEqual([3, 2]);
  });
});
