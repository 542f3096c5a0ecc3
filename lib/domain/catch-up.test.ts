import { describe, expect, it } from "vitest";
import { catchUp, catchUpLines, CATCH_UP_EVENT_TYPES, EMPTY_CATCH_UP, foldCatchUp, MAX_DECISIONS } from "./catch-up";
import { fixtureEvent } from "./events/event-fixture";

const T0 = Date.parse("2026-12-05T14:00:00.000Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
let seq = 0;
const ev = (minute: number, type: string, payload: Record<string, unknown>, actorName = "Dana Deploy") =>
  fixtureEvent({ seq: ++seq, type, payload, actorName, createdAt: at(minute) });
const status = (minute: number, to: string, reason: string | null = null) => ev(minute, "run.status_changed", { to, reason });
const alert = { id: "alert-1", label: "Error rate > 5% sustained (5 minutes)", raisedAt: at(50) };

function day() {
  seq = 0;
  return [
    ev(0, "run.created", { name: "Checkout 4.3" }),
    status(1, "pre_deployment"),
    ev(2, "item.changed", { text: "Backup created", state: "done" }),
    status(20, "staging"),
    status(30, "smoke_tests"),
    status(35, "go_no_go"),
    ev(36, "poll.opened", { round: 1 }),
    ev(38, "poll.closed", { round: 1, outcome: "proceed", closedByName: "Dana Deploy" }),
    status(40, "production"),
    ev(41, "rollout.advanced", { percent: 10 }),
    ev(45, "announcement.posted", { title: "Deployment In Progress", postedByName: "Dana Deploy", postedAt: at(45) }),
    ev(50, "metrics.states_changed", { changes: [], alertsRaised: [alert] }, "Monitoring"),
  ];
}

describe("catch-up", () => {
  it("says where a run is that has done nothing yet", () => {
    expect(catchUpLines(catchUp([]), null)).toEqual({ where: "Planned", decisions: [], alerts: [], announcement: "None posted yet" });
  });

  it("tells a late joiner the phase, the decisions, the open recommendation and the last announcement", () => {
    const summary = catchUp(day());
    expect(summary).toMatchObject({ status: "production", rolloutPercent: 10, throughSeq: 12 });
    expect(catchUpLines(summary, "Production Deployment")).toEqual({
      where: "Production Deployment since 14:40 UTC, 10% of production traffic on the new version",
      decisions: ["14:38 UTC — Go/No-Go round 1: PROCEED (closed by Dana Deploy)"],
      alerts: ["ROLLBACK RECOMMENDED: “Error rate > 5% sustained (5 minutes)” (raised 14:50 UTC, not decided)"],
      announcement: "“Deployment In Progress” by Dana Deploy at 14:45 UTC",
    });
  });

  it("closes a recommendation once decided, and records the decision and the rollback", () => {
    const events = [
      ...day(),
      ev(52, "rollback.decided", { alertId: "alert-1", label: alert.label, decision: "rollback", reason: "Canary 7.5%", byName: "Dana Deploy" }),
      status(52, "rolled_back", "Canary 7.5%"),
    ];
    const lines = catchUpLines(catchUp(events), null);
    expect(lines.alerts).toEqual([]);
    expect(lines.where).toBe("Rolled back at 14:52 UTC");
    expect(lines.decisions.slice(-2)).toEqual([
      "14:52 UTC — Dana Deploy decided to roll back on “Error rate > 5% sustained (5 minutes)”: “Canary 7.5%”",
      "14:52 UTC — Dana Deploy rolled the run back (Canary 7.5%)",
    ]);
  });

  it("forgets open recommendations once the run is over, whatever ended it", () => {
    expect(catchUp([...day(), status(55, "aborted", "Pager storm")]).openAlerts).toEqual([]);
  });

  it("folds on from where the server left off: the same summary as the whole log, each event once", () => {
    const events = day();
    const whole = catchUp(events);
    const served = catchUp(events.slice(0, 7));
    // The browser receives the snapshot's timeline (overlapping what the server folded) and then live events.
    const resumed = events.slice(4).reduce(foldCatchUp, served);
    expect(resumed).toEqual(whole);
    expect(foldCatchUp(whole, events[3])).toBe(whole);
  });

  it("counts a lead's override of a lock or freeze as a decision", () => {
    seq = 200;
    const overridden = ev(60, "guard.overridden", { keys: ["lock:1"], messages: ["checkout-api is locked: payments freeze"], reason: "CFO approved the hotfix", byName: "Dana Deploy", at: at(60) });
    expect(catchUpLines(catchUp([overridden]), null).decisions).toEqual([
      "15:00 UTC — Dana Deploy overrode “checkout-api is locked: payments freeze” for this run: “CFO approved the hotfix”",
    ]);
  });

  it("reads an unordered log in seq order", () => {
    const events = day();
    expect(catchUp([...events].reverse())).toEqual(catchUp(events));
  });

  it("keeps the latest decisions only", () => {
    seq = 100;
    const closes = Array.from({ length: MAX_DECISIONS + 2 }, (_, i) => ev(i, "poll.closed", { round: i + 1, outcome: "reschedule", closedByName: "Dana" }));
    const { decisions } = catchUp(closes, EMPTY_CATCH_UP);
    expect(decisions).toHaveLength(MAX_DECISIONS);
    expect(decisions.at(-1)?.text).toBe(`Go/No-Go round ${MAX_DECISIONS + 2}: RESCHEDULE (closed by Dana)`);
  });

  it("reads only the event types it folds (what the server loads)", () => {
    expect(CATCH_UP_EVENT_TYPES).toContain("poll.closed");
    expect(CATCH_UP_EVENT_TYPES).not.toContain("item.changed");
    expect(CATCH_UP_EVENT_TYPES).not.toContain("hidden");
  });
});
