import { describe, expect, it } from "vitest";
import { completePayload, fixtureEvent } from "./events/event-fixture";
import { toPublicEvent } from "./public-projection";
import { publicStatusReason, walkStatusReason } from "./walk-status-reason";

describe("walkStatusReason", () => {
  it("names the guide and nothing of the path", () => {
    expect(walkStatusReason("Canary Metrics Red")).toBe("Decided with the “Canary Metrics Red” decision guide");
  });
});

describe("publicStatusReason", () => {
  it.each([
    ["a reason stored with a guide's path", "Decision guide “Canary Metrics Red”: Widespread → ROLLBACK immediately", "Decided with the “Canary Metrics Red” decision guide"],
    ["a path over several lines", "Decision guide “Staging”: Tests\n→ Roll back", "Decided with the “Staging” decision guide"],
    ["today's guide reason", "Decided with the “Canary Metrics Red” decision guide", "Decided with the “Canary Metrics Red” decision guide"],
    ["a lead's own words", "Widespread 5xx on checkout", "Widespread 5xx on checkout"],
    ["a reason that only mentions a guide", "Per the Decision guide “X”: see war room", "Per the Decision guide “X”: see war room"],
  ])("%s", (_, reason, expected) => {
    expect(publicStatusReason(reason)).toBe(expected);
  });

  it("keeps no reason as no reason", () => {
    expect(publicStatusReason(null)).toBeNull();
  });
});

describe("a status link", () => {
  it("receives a status change stored with a guide's path without the path", () => {
    const reason = "Decision guide “Canary Metrics Red”: Widespread → ROLLBACK immediately";
    const event = fixtureEvent({ type: "run.status_changed", payload: completePayload("run.status_changed", { to: "rolled_back", reason }) });
    expect(toPublicEvent(event).payload).toMatchObject({ to: "rolled_back", reason: "Decided with the “Canary Metrics Red” decision guide" });
  });
});
