// Every kind renders every notice within its target's documented shape and limits (the committed
// JSON Schemas of e2e/support/notify, the same check the local receiver makes), with hostile text:
// a 10,000-character announcement of emoji and bidi controls, a run name of them, pings and Markdown.
import { describe, expect, it } from "vitest";
import { payloadProblems, type TReceiverKind } from "../../../e2e/support/notify/validate";
import { fixtureEvent } from "../events/event-fixture";
import { KIND_TRIGGERS, type TDestinationKind } from "./kinds";
import { noticesOf } from "./messages";
import { testNotice, type TNotice } from "./notice";
import { renderNotice } from "./render";
import { pagerDutyEndpoint } from "./render-pagerduty";
import { jsonBytes } from "./text";

const T = "2026-12-05T10:00:00.000Z";
const EMOJI_BIDI = "🚀\u202E🔥\u2067x\u2069🧨";
const run = { id: "r1", name: `${EMOJI_BIDI}`.repeat(20).slice(0, 200), service: "checkout", targetVersion: "4.2.0", commit: "77aa0bb", status: "production", url: "http://localhost:3000/runs/r1" };
const HOSTILE = "@everyone <!channel> <@U1> @alice **bold** [x](https://evil.example) # h\n> quote\n";
const alert = { id: "a1", source: "rule", ruleId: "rule-1", label: "Error rate > 5% sustained (5 minutes)", metric: "error_rate", stage: "canary", value: 7.4, unit: "%", note: "the team's own note", raisedAt: T, raisedByName: "Monitoring", acknowledgedAt: null, acknowledgedByName: null, decision: null, decisionReason: null, decidedAt: null, decidedByName: null };
const change = (to: string, from: string, severity = "rollback") => ({ ruleId: "rule-1", label: "Error rate > 5% sustained (5 minutes)", metric: "error_rate", severity, unit: "%", from, to, since: T, value: 0.2, stage: "canary" });

const EVENTS = [
  fixtureEvent({ type: "announcement.posted", payload: { id: "n1", templateKey: "in_progress", title: `Update ${EMOJI_BIDI}`, body: `${HOSTILE}${"🟢".repeat(5000)}`.slice(0, 10_000), postedByName: "Lee", postedAt: T, deliveries: [] } }),
  fixtureEvent({ type: "run.status_changed", actorName: "Lee", payload: { from: "planned", to: "pre_deployment", version: 2, reason: null, phases: [], startedAt: T, endedAt: null, plannedStart: T } }),
  fixtureEvent({ type: "run.status_changed", actorName: "Lee", payload: { from: "monitoring", to: "completed", version: 9, reason: HOSTILE, phases: [], startedAt: T, endedAt: T, plannedStart: T } }),
  fixtureEvent({ type: "rollout.advanced", actorName: "Lee", payload: { percent: 50, label: "50% rollout", checkpoint: "Canary metrics green (5 minutes)", checkpointStartedAt: null, version: 3, override: { reason: "on call agreed", heldBecause: ["error_rate: no sample for 3:12"] } } }),
  fixtureEvent({ type: "poll.closed", payload: { pollId: "p", round: 1, outcome: "proceed", closedByName: "Lee", closedAt: T, decision: null } }),
  fixtureEvent({ type: "poll.overridden", payload: { pollId: "p", round: 2, reason: "private reason", byName: "Lee", at: T } }),
  fixtureEvent({
    type: "metrics.states_changed",
    payload: { changes: [change("firing", "pending"), change("ok", "firing"), change("inconclusive", "ok", "escalate")], alertsRaised: [alert], checkpoint: { startedAt: null, reason: "checkpoint held: error_rate: no sample for 3:12" } },
  }),
  fixtureEvent({ type: "rollback.triggered", payload: { alert: { ...alert, id: "a2", source: "manual", ruleId: null, metric: null, value: null, raisedByName: "Dee" } } }),
  fixtureEvent({ type: "rollback.decided", payload: { alertId: "a1", ruleId: "rule-1", label: alert.label, decision: "continue", reason: "noisy canary", byName: "Lee", at: T, values: [] } }),
  fixtureEvent({ type: "item.changed", payload: { itemId: "i1", phaseKey: "production", text: "Canary metrics green (5 minutes)", state: "done", note: "error_rate 0.04% on canary, 312 samples over 5 min", version: 2, changedByName: "Warroom (metrics)", changedAt: T } }),
];
EVENTS[EVENTS.length - 1] = { ...EVENTS[EVENTS.length - 1]!, actorId: "system:metrics-checklist" };
EVENTS.push(
  fixtureEvent({ type: "lock.taken", payload: { lock: { id: "l1", service: "checkout", reason: "the team's incident", holderName: "Ops", takenAt: T } } }),
  fixtureEvent({ type: "freeze.saved", payload: { freeze: { id: "f1", service: null, reason: "year end", createdByName: "Ops", kind: "range", startsAt: T, endsAt: T, timeZone: "UTC" } } }),
);

const KINDS: TDestinationKind[] = ["slack", "json", "slack_blocks", "teams", "mattermost", "discord", "pagerduty", "signed"];
const sendable = (kind: TDestinationKind, notice: TNotice) => notice.triggers.some((t) => KIND_TRIGGERS[kind].includes(t)) && (kind !== "pagerduty" || notice.page);

function problems(kind: TDestinationKind, notice: TNotice): string[] {
  const rendered = renderNotice(kind, notice, run, { routingKey: "R0UT1NGKEY0123456789abcdefABCDEF", trigger: notice.triggers[0] });
  if (!rendered) return [`${kind}: nothing rendered`];
  const path = rendered.path ? new URL(pagerDutyEndpoint("http://x/pagerduty/pd", rendered.path)).pathname : `/${kind}/x`;
  return payloadProblems(kind as TReceiverKind, path, JSON.stringify(rendered.body));
}

describe("rendering every notice for every kind", () => {
  const notices = EVENTS.flatMap(noticesOf);

  it("maps each event to its notices, with what a status link may see only", () => {
    expect(notices.map((n) => n.key)).toEqual(["announcement", "status", "status", "rollout", "go_no_go", "go_no_go", "recommended:a1", "cleared:rule-1", "inconclusive:rule-1", "checkpoint", "recommended:a2", "decided:a1", "passed:i1", "lock:l1", "freeze:f1"]);
    const text = JSON.stringify(notices);
    expect(text).not.toContain("the team's own note");
    expect(text).not.toContain("private reason");
    expect(text).not.toContain("the team's incident");
    // A person ticking an item is not news.
    expect(noticesOf({ ...EVENTS.find((e) => e.type === "item.changed")!, actorId: "u1" })).toEqual([]);
  });

  it("stays within each target's schema and limits", () => {
    for (const notice of [...notices, testNotice(new Date(T))]) {
      for (const kind of KINDS) {
        if (notice.key !== "test" && !sendable(kind, notice)) continue;
        expect(problems(kind, notice), `${kind} ${notice.key}`).toEqual([]);
      }
    }
  });

  it("keeps Teams under 28 KB and Slack under 50 blocks however long the text", () => {
    const long = { ...notices[0]!, text: "🟢".repeat(100_000) };
    const teams = renderNotice("teams", long, run)!.body;
    expect(jsonBytes(teams)).toBeLessThanOrEqual(28_000);
    const slack = renderNotice("slack_blocks", long, run)!.body as { blocks: { type: string; text?: { text: string } }[] };
    expect(slack.blocks).toHaveLength(50);
    expect(slack.blocks.at(-3)!.text!.text).toBe("… the rest is in the war room.");
    expect(problems("slack_blocks", long)).toEqual([]);
    expect(problems("teams", long)).toEqual([]);
    expect(problems("discord", long)).toEqual([]);
    expect(problems("mattermost", long)).toEqual([]);
  });

  it("pages PagerDuty per run and rule: the recommendation, its clearing and the decision share one dedup_key", () => {
    const keys = notices.filter((n) => n.page && n.page.kind !== "change").map((n) => [n.key, n.page!.kind, (n.page as { dedupKey: string }).dedupKey]);
    expect(keys).toEqual([
      ["recommended:a1", "trigger", "warroom/run-1/rule/rule-1"],
      ["cleared:rule-1", "resolve", "warroom/run-1/rule/rule-1"],
      ["recommended:a2", "trigger", "warroom/run-1/manual/a2"],
      ["decided:a1", "resolve", "warroom/run-1/rule/rule-1"],
    ]);
    const trigger = renderNotice("pagerduty", notices[6]!, run, { routingKey: "k".repeat(32) })!;
    expect(trigger.path).toBe("/v2/enqueue");
    expect((trigger.body as { payload: { summary: string } }).payload.summary.length).toBeLessThanOrEqual(1024);
    // Change events: the run's start and end only.
    expect(notices.filter((n) => n.page?.kind === "change").map((n) => n.triggers)).toEqual([
      ["status.changed", "run.started"],
      ["status.changed", "run.completed"],
    ]);
    expect(pagerDutyEndpoint("https://events.pagerduty.com/v2/enqueue", "/v2/change/enqueue")).toBe("https://events.pagerduty.com/v2/change/enqueue");
  });

  it("neutralises every mention and escapes Markdown per target", () => {
    const status = notices[2]!;
    const mattermost = JSON.stringify(renderNotice("mattermost", { ...status, text: HOSTILE }, run)!.body);
    expect(mattermost).not.toMatch(/(?<![\w.\\])@(everyone|here|alice)/);
    expect(mattermost).toContain("\\\\*\\\\*bold\\\\*\\\\*");
    const discord = renderNotice("discord", { ...status, text: HOSTILE }, run)!.body as { allowed_mentions: unknown; embeds: { description: string }[] };
    expect(discord.allowed_mentions).toEqual({ parse: [] });
    expect(discord.embeds[0]!.description).toContain("\\[x\\](https\\://evil.example)");
    expect(discord.embeds[0]!.description).toContain("\\> quote");
    const slack = JSON.stringify(renderNotice("slack_blocks", { ...status, text: HOSTILE }, run)!.body);
    expect(slack).not.toContain("<!channel>");
    expect(slack).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});
