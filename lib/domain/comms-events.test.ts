import { describe, expect, it } from "vitest";
import { applyCommsEvent as applyTyped, COMMS_EVENTS, commsFingerprint, deliverySummary, EMPTY_COMMS, type TAnnouncementView, type TDeliveryView } from "./comms-events";
import { parseRunEvent } from "./events/catalogue";
import { RUN_EVENT_CATALOGUE } from "./events/catalogue";
import { completePayload, fixtureEvent, type TFixtureEvent } from "./events/event-fixture";
import { describeEvent } from "./describe-event";

// Events reach the fold as the server reads them: parsed, so a payload of the wrong shape is hidden.
const applyCommsEvent = <T extends Parameters<typeof applyTyped>[0]>(s: T, e: TFixtureEvent) => applyTyped(s, parseRunEvent(fixtureEvent(e)).event);

const delivery = (id: string, status: TDeliveryView["status"] = "pending", attempts = 0): TDeliveryView => ({
  id,
  targetName: `hook ${id}`,
  format: "slack",
  status,
  attempts,
  lastAttemptAt: null,
  deliveredAt: null,
});
const announcement: TAnnouncementView = {
  id: "a1",
  templateKey: "in_progress",
  title: "Deployment In Progress",
  body: "✅ Staging Complete",
  postedByName: "Dee",
  postedAt: "2025-11-03T13:00:00.000Z",
  deliveries: [delivery("d1"), delivery("d2")],
};

describe("applyCommsEvent", () => {
  it("adds a posted announcement first, then folds each delivery's outcome and a resend", () => {
    let s = { comms: EMPTY_COMMS };
    s = applyCommsEvent(s, { type: COMMS_EVENTS.posted, payload: announcement });
    expect(s.comms.announcements.map((a) => a.id)).toEqual(["a1"]);
    const before = commsFingerprint(s);
    s = applyCommsEvent(s, { type: COMMS_EVENTS.delivery, payload: { announcementId: "a1", title: "x", delivery: delivery("d1", "delivered", 1) } });
    s = applyCommsEvent(s, { type: COMMS_EVENTS.delivery, payload: { announcementId: "a1", title: "x", delivery: delivery("d2", "failed", 4) } });
    expect(commsFingerprint(s)).not.toBe(before);
    expect(deliverySummary(s.comms.announcements[0].deliveries)).toBe("1 of 2 delivered, 1 failed");
    s = applyCommsEvent(s, { type: COMMS_EVENTS.redelivery, payload: { announcementId: "a1", title: "x", deliveries: [delivery("d2")] } });
    expect(deliverySummary(s.comms.announcements[0].deliveries)).toBe("1 of 2 delivered, 1 sending");
  });

  it("ignores a stakeholder's projected copy (title and body only) and other events", () => {
    const s = { comms: EMPTY_COMMS };
    expect(applyCommsEvent(s, { type: COMMS_EVENTS.posted, payload: { title: "t", body: "b" } })).toBe(s);
    expect(applyCommsEvent(s, { type: "item.changed", payload: {} })).toBe(s);
  });

  it("adds, updates and removes run webhooks", () => {
    const webhook = { id: "w1", name: "Slack", format: "slack" as const, host: "hooks.slack.com", isEnabled: true, scope: "run" as const, createdByName: "Dee", triggers: ["announcement.posted"], hasSecret: false };
    let s = applyCommsEvent({ comms: EMPTY_COMMS }, { type: COMMS_EVENTS.webhookSaved, payload: { webhook, isNew: true } });
    s = applyCommsEvent(s, { type: COMMS_EVENTS.webhookSaved, payload: { webhook: { ...webhook, isEnabled: false }, isNew: false } });
    expect(s.comms.webhooks).toEqual([{ ...webhook, isEnabled: false }]);
    s = applyCommsEvent(s, { type: COMMS_EVENTS.webhookRemoved, payload: { webhookId: "w1", name: "Slack" } });
    expect(s.comms.webhooks).toEqual([]);
  });
});

describe("timeline wording", () => {
  // Stored payloads are complete (the command path writes them); each line names the fields it is about.
  const line = (type: string, payload: Record<string, unknown>, actorName = "Dee") => describeEvent({ type, actorName, payload: completePayload(type, payload) });
  it("words announcements, deliveries and walks", () => {
    expect(line(COMMS_EVENTS.posted, announcement)).toBe("Dee posted the announcement “Deployment In Progress” (sending to 2 webhooks)");
    // Never why: the event list is read by viewers too, and an event stored before the error left the
    // payload still carries one, which the catalogue's schema drops.
    const stored = { title: "Rollback", delivery: { ...delivery("d", "failed", 4), lastError: "HTTP 503: <h1>internal-db-7</h1>" } };
    expect(line(COMMS_EVENTS.delivery, stored, "Webhooks")).toBe("“Rollback” NOT delivered to hook d after 4 attempts");
    expect(RUN_EVENT_CATALOGUE[COMMS_EVENTS.delivery].parse(completePayload(COMMS_EVENTS.delivery, stored)).delivery).not.toHaveProperty("lastError");
    expect(line(COMMS_EVENTS.delivery, { title: "Rollback", delivery: delivery("d", "delivered", 1) }, "Webhooks")).toBe("“Rollback” delivered to hook d (1 attempt)");
    expect(line("decision.stepped", { treeTitle: "Canary Metrics Red", step: "choose", nodeLabel: "Widespread", status: "open" })).toBe("Dee chose “Widespread” in “Canary Metrics Red”");
    expect(line("decision.applied", { treeTitle: "Canary Metrics Red", actionLabel: "Roll back", outcome: "Moved the run to Rolled back" })).toBe(
      "Dee applied ROLL BACK from “Canary Metrics Red”: Moved the run to Rolled back",
    );
    expect(line(COMMS_EVENTS.posted, { nonsense: true })).toBe("Dee: announcement posted");
  });
});
