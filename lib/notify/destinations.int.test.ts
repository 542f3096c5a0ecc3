// Destinations of every kind on real PostgreSQL, sending to a local receiver that validates each
// request against the target's committed JSON Schema and limits (e2e/support/notify): a test message
// per kind, the chosen events (a 10,000-character announcement and a run name of emoji and bidi
// characters included), a firing rule paging PagerDuty and its decision resolving the same dedup_key,
// signed webhooks checked by the Standard Webhooks reference verifier, Discord's 429 and 404.
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { push, ruleNamed, steady, MIN, SEC } from "../../e2e/support/metrics";
import { startReceiver, type TReceiver, type TReceiverKind } from "../../e2e/support/notify/receiver";
import type { TActor } from "../auth/users";
import { postAnnouncement } from "../comms/announcements";
import { settleDeliveries, setRetryPolicy } from "../comms/deliveries";
import { createGlobalWebhook, removeGlobalWebhook, saveRunWebhook } from "../comms/webhooks";
import { db } from "../db/client";
import { manualTriggers } from "../domain/metric-defaults";
import type { TRole } from "../domain/roles";
import { evaluateRunNow } from "../metrics/monitor";
import { decideAlert, triggerRollback } from "../metrics/rollback-commands";
import { listDestinationDeliveries, resendDelivery, sendTestMessage } from "./destinations";

useTestDatabase("notify_destinations");

const ROUTING_KEY = "R0UT1NGKEY0123456789abcdefABCDEF";
const KINDS: TReceiverKind[] = ["slack", "json", "slack_blocks", "teams", "mattermost", "discord", "pagerduty", "signed"];
const CHAT: TReceiverKind[] = ["slack_blocks", "teams", "mattermost", "discord"];
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

let team: Record<TRole, TActor>;
let receiver: TReceiver;

beforeAll(async () => {
  team = await makeTeam();
  receiver = await startReceiver();
  setRetryPolicy({ delaysMs: [50, 50, 50], timeoutMs: 5000 });
});

afterAll(async () => {
  await settleDeliveries();
  await receiver.close();
});

/** Adds a destination of this kind to the run, addressed to the receiver; a signed one's secret is trusted there. */
async function addTo(runId: string, kind: TReceiverKind, name: string, triggers?: string[]) {
  const { event, secret } = await saveRunWebhook(team.lead, {
    runId,
    name,
    url: receiver.url(kind, name),
    format: kind,
    ...(triggers ? { triggers } : {}),
    ...(kind === "pagerduty" ? { secret: ROUTING_KEY } : {}),
  });
  if (secret) receiver.trust(name, secret);
  return { id: (event.payload as { webhook: { id: string } }).webhook.id, secret };
}

const problemsAt = (name: string) => receiver.at(name).flatMap((r) => r.problems);

/** A breaching error rate on the canary for 6½ minutes: the rollback rule fires at the first evaluation. */
async function fireRollbackRule(runId: string) {
  await db().run.update({ where: { id: runId }, data: { status: "production", rolloutPercent: 10, checkpointStartedAt: new Date(Date.now() - MIN) } });
  await push(runId, "error_rate", "canary", [...steady(12 * MIN, 6.5 * MIN + 10 * SEC, 0.3), ...steady(6.5 * MIN, 0, 7.5)]);
  await evaluateRunNow(runId);
  return ruleNamed(runId, /^Error rate > 5% sustained/);
}

describe("send test message", () => {
  it("delivers a test message of every kind that the target's validator accepts, and says exactly what happened", async () => {
    for (const kind of KINDS) {
      const name = `test-${kind}`;
      const created = await createGlobalWebhook(team.admin, { name, url: receiver.url(kind, name), format: kind, ...(kind === "pagerduty" ? { secret: ROUTING_KEY } : {}) });
      if (created.secret) receiver.trust(name, created.secret);
      const outcome = await sendTestMessage(team.admin, { runId: null }, created.id);
      expect(outcome.message, kind).toMatch(/^Delivered: HTTP 20[024] in \d+\.\d\d s$/);
      expect(problemsAt(name), kind).toEqual([]);
      expect(receiver.at(name), kind).toHaveLength(1);
      await removeGlobalWebhook(team.admin, { webhookId: created.id });
    }
    // PagerDuty's test is a change event: it pages nobody.
    expect(receiver.at("test-pagerduty")[0].path).toBe("/pagerduty/test-pagerduty/v2/change/enqueue");
  });

  it("says why a test failed (a Discord webhook that no longer exists) and refuses roles that may not manage destinations", async () => {
    const run = await makeRun(team.lead, { name: "Test failures" });
    const { id } = await addTo(run.id, "discord", "deleted-hook");
    receiver.script("deleted-hook", [{ status: 404 }]);
    expect(await sendTestMessage(team.lead, { runId: run.id }, id)).toMatchObject({
      isDelivered: false,
      status: 404,
      message: "Not delivered: HTTP 404: the Discord webhook no longer exists (not retried)",
    });
    await expect(sendTestMessage(team.viewer, { runId: run.id }, id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(sendTestMessage(team.admin, { runId: null }, id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the chosen events", () => {
  it("sends a 10,000-character announcement in a run named in emoji and bidi characters to every kind, within every limit, pinging nobody", async () => {
    const name = `🚀🔥 Déploiement \u202Eevil\u202C 🧨 ${"🦄\u2067x\u2069".repeat(30)}`.slice(0, 200);
    const run = await makeRun(team.lead, { name });
    const names = KINDS.filter((k) => k !== "pagerduty").map((k) => `long-${k}`);
    for (const kind of KINDS.filter((k) => k !== "pagerduty")) await addTo(run.id, kind, `long-${kind}`);
    const hostile = "@everyone <!channel> <@U024BE7LH> @here @alice **bold** [click](https://evil.example) \u202Ereversed\u202C\n# heading\n> quote\n";
    const body = `${hostile}${"All green on canary 🟢 — error rate 0.04%. ".repeat(400)}`.slice(0, 10_000);
    expect(body).toHaveLength(10_000);
    await postAnnouncement(team.lead, { runId: run.id, templateKey: "in_progress", body, fields: {} });
    for (const n of names) await receiver.waitFor(n, 1);
    for (const n of names) {
      expect(problemsAt(n), n).toEqual([]);
      const [request] = receiver.at(n);
      const text = JSON.stringify(request.body);
      expect(text, n).not.toMatch(BIDI);
      // No live mention in any form: each @ or < that could ping is followed by a zero-width space or escaped.
      expect(request.raw.includes("<!channel>") || request.raw.includes("<@U024BE7LH>"), n).toBe(false);
      if (n !== "long-json" && n !== "long-slack") expect(/(?<![\w.\\])@(everyone|here|alice)/.test(request.raw), n).toBe(false);
    }
    const blocks = receiver.at("long-slack_blocks")[0].body as { blocks: { type: string }[] };
    expect(blocks.blocks.filter((b) => b.type === "section").length).toBeGreaterThanOrEqual(4);
    const discord = receiver.at("long-discord")[0].body as { allowed_mentions: { parse: string[] }; embeds: { description: string }[] };
    expect(discord.allowed_mentions).toEqual({ parse: [] });
    expect(discord.embeds[0].description.endsWith("*The rest is in the war room.*")).toBe(true);
    // Markdown targets see the syntax as typed: escaped, not formatting.
    const mattermost = receiver.at("long-mattermost")[0].body as { attachments: { text: string }[] };
    expect(mattermost.attachments[0].text).toContain("\\*\\*bold\\*\\*");
    expect(mattermost.attachments[0].text).toContain("\\# heading");
    // The announcement formats from before are unchanged: Slack gets { text }, JSON the announcement.
    expect(Object.keys(receiver.at("long-slack")[0].body as object)).toEqual(["text"]);
    expect((receiver.at("long-json")[0].body as { type: string }).type).toBe("warroom.announcement");
  });

  it("a firing rollback rule pages PagerDuty and the decision resolves it with the same dedup_key; chat and signed webhooks hear both", async () => {
    const run = await makeRun(team.lead, { name: "Checkout 9.1" });
    await addTo(run.id, "pagerduty", "pd");
    await addTo(run.id, "discord", "chat");
    await addTo(run.id, "signed", "machine", ["rollback.recommended", "rollback.decided"]);
    await addTo(run.id, "slack", "old-slack");
    const rule = await fireRollbackRule(run.id);
    expect(rule.state).toBe("firing");
    const [trigger] = await receiver.waitFor("pd", 1);
    expect(trigger.path).toBe("/pagerduty/pd/v2/enqueue");
    const dedupKey = `warroom/${run.id}/rule/${rule.id}`;
    expect(trigger.body).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: "trigger",
      dedup_key: dedupKey,
      payload: { severity: "critical", summary: expect.stringContaining("ROLLBACK RECOMMENDED: Error rate > 5% sustained (5 minutes)"), custom_details: { war_room: `http://localhost:3999/runs/${run.id}` } },
      links: [{ href: `http://localhost:3999/runs/${run.id}`, text: "Open the war room" }],
    });
    const alert = await db().rollbackAlert.findFirstOrThrow({ where: { runId: run.id } });
    await decideAlert(team.lead, { runId: run.id, alertId: alert.id, decision: "continue", reason: "A known noisy canary" });
    const [, resolve] = await receiver.waitFor("pd", 2);
    expect(resolve.body).toEqual({ routing_key: ROUTING_KEY, event_action: "resolve", dedup_key: dedupKey });
    const signed = await receiver.waitFor("machine", 2);
    expect(signed.map((r) => (r.body as { type: string }).type)).toEqual(expect.arrayContaining(["rollback.recommended", "rollback.decided"]));
    await receiver.waitFor("chat", 2);
    await settleDeliveries();
    for (const n of ["pd", "chat", "machine"]) expect(problemsAt(n), n).toEqual([]);
    // Defaults per kind: PagerDuty heard only the rollback; the text-only Slack hook only announcements (none here).
    expect(receiver.at("pd")).toHaveLength(2);
    expect(receiver.at("old-slack")).toHaveLength(0);
    const deliveries = await listDestinationDeliveries(team.lead, { runId: run.id });
    expect(deliveries.filter((d) => d.status === "delivered").map((d) => d.trigger)).toEqual(expect.arrayContaining(["rollback.recommended", "rollback.decided"]));
  });

  it("signs with the secret shown once: the reference verifier accepts the request and refuses it altered", async () => {
    const run = await makeRun(team.lead, { name: "Signed" });
    const { id, secret } = await addTo(run.id, "signed", "verify-me", ["status.changed", "run.started"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    // Shown once: neither the view, the timeline nor an edit gives it back.
    const again = await saveRunWebhook(team.lead, { runId: run.id, webhookId: id, name: "verify-me", format: "signed", isEnabled: true });
    expect(again.secret).toBeNull();
    const events = await db().timelineEvent.findMany({ where: { runId: run.id } });
    expect(JSON.stringify(events)).not.toContain(secret!);
    await db().run.update({ where: { id: run.id }, data: { status: "planned" } });
    const { changeStatus } = await import("../runs/status-commands");
    const { version } = await db().run.findUniqueOrThrow({ where: { id: run.id } });
    await changeStatus(team.lead, { runId: run.id, to: "pre_deployment", version });
    const [request] = await receiver.waitFor("verify-me", 1);
    const headers = request.headers as Record<string, string>;
    expect(headers["webhook-id"]).toMatch(/^c[a-z0-9]+$/);
    expect(new Webhook(secret!).verify(request.raw, headers)).toMatchObject({ type: "run.started", run: { id: run.id } });
    expect(() => new Webhook(secret!).verify(request.raw.replace("pre", "PRE"), headers)).toThrow();
  });
});

describe("delivery", () => {
  it("honours Discord's 429 Retry-After, stops at a 404, shows each per destination with its reason, and resends", async () => {
    const run = await makeRun(team.lead, { name: "Discord limits" });
    await db().run.update({ where: { id: run.id }, data: { status: "production" } });
    await addTo(run.id, "discord", "busy", ["rollback.recommended"]);
    await addTo(run.id, "discord", "gone", ["rollback.recommended"]);
    receiver.script("busy", [{ status: 429, headers: { "retry-after": "1" } }, { status: 204 }]);
    receiver.script("gone", [{ status: 404 }, { status: 204 }]);
    const label = manualTriggers((await db().run.findUniqueOrThrow({ where: { id: run.id } })).playbook)[0]!;
    await triggerRollback(team.lead, { runId: run.id, label, note: "Checksums differ" });
    const [first, second] = await receiver.waitFor("busy", 2);
    // The retry policy here waits 50 ms: the second try came after the second Discord asked for.
    expect(second.at - first.at).toBeGreaterThanOrEqual(1000);
    await settleDeliveries();
    expect(receiver.at("gone")).toHaveLength(1);
    const rows = await listDestinationDeliveries(team.lead, { runId: run.id });
    const gone = rows.find((d) => d.status === "failed")!;
    expect(gone).toMatchObject({ attempts: 1, reason: "HTTP 404: the Discord webhook no longer exists (not retried)" });
    expect(rows.find((d) => d.status === "delivered")).toMatchObject({ attempts: 2, reason: null });
    // The manual trigger's note is the team's: it never leaves.
    expect(JSON.stringify(receiver.at("busy").map((r) => r.body))).not.toContain("Checksums differ");
    await resendDelivery(team.lead, { runId: run.id }, gone.id);
    await receiver.waitFor("gone", 2);
    await settleDeliveries();
    expect((await db().delivery.findUniqueOrThrow({ where: { id: gone.id } })).status).toBe("delivered");
    await expect(resendDelivery(team.viewer, { runId: run.id }, gone.id)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses what a kind cannot send or lacks, naming the field, and stores nothing", async () => {
    const run = await makeRun(team.lead, { name: "Refusals" });
    await expect(saveRunWebhook(team.lead, { runId: run.id, name: "pd", url: receiver.url("pagerduty", "x"), format: "pagerduty" })).rejects.toMatchObject({ message: "secret: Enter the PagerDuty integration (routing) key" });
    await expect(saveRunWebhook(team.lead, { runId: run.id, name: "pd", url: receiver.url("pagerduty", "x"), format: "pagerduty", secret: ROUTING_KEY, triggers: ["announcement.posted"] })).rejects.toMatchObject({
      message: "triggers: PagerDuty (Events API v2) cannot send Announcement posted",
    });
    await expect(saveRunWebhook(team.lead, { runId: run.id, name: "x", url: receiver.url("discord", "x"), format: "discord", triggers: [] })).rejects.toMatchObject({ message: "triggers: Choose at least one thing to send it on" });
    expect(await db().webhook.count({ where: { runId: run.id } })).toBe(0);
  });
});
