// Announcements on real PostgreSQL with real HTTP webhook receivers started by the test: the exact
// Slack-compatible body arrives, an unreachable webhook is retried and reported without holding up
// the lead, and a screen folding the events ends where a fresh snapshot starts.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { TEST_APP_URL, useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TAnnouncementView, TDeliveryView } from "../domain/comms-events";
import type { TRole } from "../domain/roles";
import { applyRunEvent, stateFingerprint } from "../domain/run-snapshot";
import { AppError } from "../errors";
import { getRunSnapshot } from "../runs/queries";
import { eventsAfter } from "../timeline/events";
import { postAnnouncement, redeliverAnnouncement } from "./announcements";
import { scheduleDelivery, settleDeliveries, setRetryPolicy, sweepStaleDeliveries } from "./deliveries";
import { saveCommsTemplate } from "./templates";
import { removeRunWebhook, saveRunWebhook } from "./webhooks";

useTestDatabase("comms_announcements");

type TReceived = { method: string; contentType: string | undefined; body: string };

/** A webhook receiver: answers each request with the next status from `statuses` (then the last one). */
async function receiver(statuses: number[] = [200], delayMs = 0) {
  const received: TReceived[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ method: req.method ?? "", contentType: req.headers["content-type"], body });
      const status = statuses[Math.min(received.length - 1, statuses.length - 1)];
      setTimeout(() => {
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(status === 200 ? "ok" : "no_service");
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/secret`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nobody listens on: bind one, then let it go. */
async function unreachableUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}

let team: Record<TRole, TActor>;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  team = await makeTeam();
  setRetryPolicy({ delaysMs: [20, 40, 80], timeoutMs: 5000 });
});

afterAll(async () => {
  await settleDeliveries();
  for (const close of closers) await close();
});

const post = (runId: string, body: string, templateKey = "in_progress", actor = team.lead) => postAnnouncement(actor, { runId, templateKey, body, fields: { phase: "Staging Deployment" } });
const announcementOf = (result: Awaited<ReturnType<typeof postAnnouncement>>) => result.event.payload as TAnnouncementView;
const deliveryRows = (announcementId: string) => db().delivery.findMany({ where: { announcementId }, orderBy: { id: "asc" } });

describe("posting an announcement", () => {
  it("sends the exact Slack-compatible body to a Slack webhook and the generic JSON to a JSON one, after commit", async () => {
    const run = await makeRun(team.lead, { name: "MIDI 9 comms", service: "midi-comms" });
    const slack = await receiver();
    const generic = await receiver();
    closers.push(slack.close, generic.close);
    await saveRunWebhook(team.lead, { runId: run.id, name: "#midi-deployment", url: slack.url, format: "slack" });
    await saveRunWebhook(team.lead, { runId: run.id, name: "Status bot", url: generic.url, format: "json" });

    const body = "✅ Staging Deployment Complete - ON TRACK\n\nCurrent Phase: Smoke Testing\nProgress: 20 of 60 steps complete";
    const result = await post(run.id, body);
    const posted = announcementOf(result);
    expect(posted).toMatchObject({ title: "Deployment In Progress", body, postedByName: team.lead.name });
    expect(posted.deliveries.map((d) => [d.targetName, d.format, d.status])).toEqual([
      ["#midi-deployment", "slack", "pending"],
      ["Status bot", "json", "pending"],
    ]);

    await settleDeliveries();
    expect(slack.received).toHaveLength(1);
    expect(slack.received[0]).toMatchObject({ method: "POST", contentType: "application/json" });
    expect(JSON.parse(slack.received[0].body)).toEqual({ text: body });
    expect(JSON.parse(generic.received[0].body)).toEqual({
      type: "warroom.announcement",
      announcement: { id: posted.id, kind: "in_progress", title: "Deployment In Progress", text: body, postedBy: team.lead.name, postedAt: posted.postedAt },
      run: { id: run.id, name: "MIDI 9 comms", service: "midi-comms", version: "9.0.0", commit: "6eb59fa", status: "planned", url: `${TEST_APP_URL}/runs/${run.id}` },
    });
    const rows = await deliveryRows(posted.id);
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ["delivered", 1, null],
      ["delivered", 1, null],
    ]);
    const { events } = await eventsAfter(run.id, 0);
    expect(events.map((e) => e.type).slice(-3)).toEqual(["announcement.posted", "announcement.delivery", "announcement.delivery"]);
    expect(events.at(-1)!.actorName).toBe("Webhooks");
  });

  it("retries an unreachable webhook and reports it failed, never holding up the lead or the other webhooks", async () => {
    const run = await makeRun(team.lead, { name: "MIDI 9 unreachable", service: "midi-down" });
    const slow = await receiver([200], 1500);
    closers.push(slow.close);
    const deadUrl = await unreachableUrl();
    await saveRunWebhook(team.lead, { runId: run.id, name: "Dead hook", url: deadUrl, format: "slack" });
    await saveRunWebhook(team.lead, { runId: run.id, name: "Slow hook", url: slow.url, format: "slack" });

    const started = Date.now();
    const result = await post(run.id, "🚨 ROLLBACK IN PROGRESS", "rollback");
    // The lead's post is back before even the slow receiver has answered once.
    expect(Date.now() - started).toBeLessThan(1200);
    expect(announcementOf(result).deliveries.every((d) => d.status === "pending")).toBe(true);

    await settleDeliveries();
    const [dead, slowRow] = await deliveryRows(announcementOf(result).id);
    expect(dead).toMatchObject({ targetName: "Dead hook", status: "failed", attempts: 4 });
    expect(dead.lastError).toBe("connection refused");
    expect(slowRow).toMatchObject({ status: "delivered", attempts: 1 });

    const snapshot = (await getRunSnapshot(run.id))!;
    const shown = snapshot.comms.announcements[0].deliveries.find((d) => d.targetName === "Dead hook") as TDeliveryView;
    expect(shown).toMatchObject({ status: "failed", attempts: 4 });

    // The lead resends once the webhook is back: the failed delivery goes again, the delivered one does not.
    const back = await receiver();
    closers.push(back.close);
    const webhook = snapshot.comms.webhooks.find((w) => w.name === "Dead hook")!;
    await saveRunWebhook(team.lead, { runId: run.id, webhookId: webhook.id, name: "Dead hook", url: back.url, format: "slack", isEnabled: true });
    await redeliverAnnouncement(team.lead, { runId: run.id, announcementId: announcementOf(result).id });
    await settleDeliveries();
    expect((await deliveryRows(announcementOf(result).id)).map((r) => r.status)).toEqual(["delivered", "delivered"]);
    expect(back.received.map((r) => JSON.parse(r.body))).toEqual([{ text: "🚨 ROLLBACK IN PROGRESS" }]);
    expect(slow.received).toHaveLength(1);
    await expect(redeliverAnnouncement(team.lead, { runId: run.id, announcementId: announcementOf(result).id })).rejects.toMatchObject({ code: "conflict" });
  });

  it("retries a server error until it succeeds, and gives up at once on a 404", async () => {
    const run = await makeRun(team.lead, { name: "MIDI 9 flaky", service: "midi-flaky" });
    const flaky = await receiver([503, 200]);
    const gone = await receiver([404]);
    closers.push(flaky.close, gone.close);
    await saveRunWebhook(team.lead, { runId: run.id, name: "Flaky", url: flaky.url, format: "slack" });
    await saveRunWebhook(team.lead, { runId: run.id, name: "Gone", url: gone.url, format: "json" });
    const result = await post(run.id, "🎉 DEPLOYMENT SUCCESSFUL 🎉", "complete");
    await settleDeliveries();
    const rows = await deliveryRows(announcementOf(result).id);
    expect(rows.map((r) => [r.targetName, r.status, r.attempts, r.lastError])).toEqual([
      ["Flaky", "delivered", 2, null],
      ["Gone", "failed", 1, "HTTP 404"],
    ]);
    expect(flaky.received).toHaveLength(2);
    expect(gone.received).toHaveLength(1);
  });

  it("sends to global webhooks too, skips paused ones, and lets only leads and admins post", async () => {
    const run = await makeRun(team.lead, { name: "MIDI 9 globals", service: "midi-global" });
    const global = await receiver();
    closers.push(global.close);
    const row = await db().webhook.create({ data: { name: "Everyone", url: global.url, format: "slack", createdByName: "Ada" } });
    const paused = await saveRunWebhook(team.lead, { runId: run.id, name: "Paused", url: global.url, format: "slack", isEnabled: false });
    expect((paused.event.payload as { webhook: { host: string } }).webhook.host).toBe(new URL(global.url).host);
    const result = await post(run.id, "Hello", "pre_deployment", team.admin);
    expect(announcementOf(result).deliveries.map((d) => d.targetName)).toEqual(["Everyone"]);
    await settleDeliveries();
    expect(global.received).toHaveLength(1);
    await db().webhook.delete({ where: { id: row.id } });

    for (const actor of [team.member, team.viewer]) {
      await expect(post(run.id, "Not mine to say", "in_progress", actor)).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(postAnnouncement(team.lead, { runId: run.id, templateKey: "in_progress", body: "   " })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(saveRunWebhook(team.lead, { runId: run.id, name: "x", url: "ftp://example.com", format: "slack" })).rejects.toBeInstanceOf(AppError);
  });
});

describe("a delivery whose sender stopped", () => {
  it("is picked up by the sweep once stale, and sent once even when scheduled twice", async () => {
    const run = await makeRun(team.lead, { name: "MIDI 9 restart", service: "midi-restart" });
    const hook = await receiver();
    closers.push(hook.close);
    const webhook = await db().webhook.create({ data: { runId: run.id, name: "Hook", url: hook.url, format: "slack", createdByName: "Lee" } });
    // As a crashed instance leaves it: posted, claimed for a try a while ago, never finished.
    const old = new Date(Date.now() - 10 * 60_000);
    const announcement = await db().announcement.create({
      data: { runId: run.id, templateKey: "in_progress", title: "Update", body: "Still going", fields: {}, postedByName: "Lee", postedAt: old, deliveries: { create: [{ runId: run.id, webhookId: webhook.id, targetName: "Hook", format: "slack", lastAttemptAt: old }] } },
      include: { deliveries: true },
    });
    const fresh = await db().announcement.create({
      data: { runId: run.id, templateKey: "in_progress", title: "Update", body: "Just posted", fields: {}, postedByName: "Lee", postedAt: new Date(), deliveries: { create: [{ runId: run.id, webhookId: webhook.id, targetName: "Hook", format: "slack" }] } },
      include: { deliveries: true },
    });
    // A delivery claimed a moment ago belongs to a live sender: the sweep leaves it alone.
    expect(await sweepStaleDeliveries()).toBe(1);
    const id = announcement.deliveries[0].id;
    await Promise.all([scheduleDelivery(id), scheduleDelivery(id)]);
    await settleDeliveries();
    expect(hook.received.map((r) => JSON.parse(r.body))).toEqual([{ text: "Still going" }]);
    expect(await db().delivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "delivered", attempts: 1 });
    expect(await db().delivery.findUniqueOrThrow({ where: { id: fresh.deliveries[0].id } })).toMatchObject({ status: "pending" });
  });
});

describe("templates, webhooks and the live fold", () => {
  it("edits a template with compare-and-set, and a screen folding every event ends where a fresh snapshot starts", async () => {
    const run = await makeRun(team.lead, { name: "MIDI 9 fold", service: "midi-fold" });
    const before = (await getRunSnapshot(run.id))!;
    const hook = await receiver([500]);
    closers.push(hook.close);

    const runbook = before.comms.templates.find((t) => t.key === "in_progress")!;
    expect(runbook).toMatchObject({ version: 0, body: runbook.runbookBody });
    await saveCommsTemplate(team.lead, { runId: run.id, key: "in_progress", body: `${runbook.body}\nRollout: {{rolloutPercent}}%`, version: 0 });
    await expect(saveCommsTemplate(team.admin, { runId: run.id, key: "in_progress", body: "stale", version: 0 })).rejects.toMatchObject({ code: "conflict" });
    await saveCommsTemplate(team.admin, { runId: run.id, key: "in_progress", body: runbook.runbookBody, version: 1 });

    const added = await saveRunWebhook(team.lead, { runId: run.id, name: "Failing", url: hook.url, format: "slack" });
    const removable = await saveRunWebhook(team.lead, { runId: run.id, name: "Temporary", url: hook.url, format: "json" });
    await removeRunWebhook(team.lead, { runId: run.id, webhookId: (removable.event.payload as { webhook: { id: string } }).webhook.id });
    await post(run.id, "First update");
    await post(run.id, "Second update");
    await settleDeliveries();
    expect((added.event.payload as { isNew: boolean }).isNew).toBe(true);

    const { events } = await eventsAfter(run.id, before.lastSeq);
    const folded = events.reduce(applyRunEvent, before);
    const fresh = (await getRunSnapshot(run.id))!;
    expect(stateFingerprint(folded)).toBe(stateFingerprint(fresh));
    expect(folded.comms).toEqual(fresh.comms);
    expect(fresh.comms.templates.find((t) => t.key === "in_progress")).toMatchObject({ version: 2, body: runbook.runbookBody, updatedByName: team.admin.name });
    expect(fresh.comms.announcements.map((a) => [a.body, a.deliveries.map((d) => d.status).join()])).toEqual([
      ["Second update", "failed"],
      ["First update", "failed"],
    ]);
    expect(fresh.comms.webhooks.map((w) => w.name)).toEqual(["Failing"]);
    // The URL is a credential: neither the snapshot nor any event carries it.
    expect(JSON.stringify(fresh)).not.toContain("secret");
    expect(JSON.stringify(events)).not.toContain("secret");
  });
});
