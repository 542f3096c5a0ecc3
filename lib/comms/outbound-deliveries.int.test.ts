// Webhooks under the outbound rules, end to end on real PostgreSQL: the adversarial pass's webhook to
// the database port in decimal notation is refused when saved and, if stored anyway, when sent,
// without a connection; a receiver's error page is never stored, and why a delivery failed reaches
// leads and admins only: not the events, the bridge's event list, a viewer's panel or the record.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { createDataSource } from "../datasources/commands";
import { db } from "../db/client";
import { describeEvent } from "../domain/describe-event";
import { NOTHING_ALLOWED, parseOutboundAllow } from "../domain/outbound-address";
import { recordToMarkdown } from "../domain/record-markdown";
import type { TRole } from "../domain/roles";
import { configureOutbound } from "../outbound/request";
import { loadDeploymentRecord } from "../record/queries";
import { eventsAfter } from "../timeline/events";
import { postAnnouncement } from "./announcements";
import { loadCommsContext } from "./context";
import { settleDeliveries, setRetryPolicy } from "./deliveries";
import { createGlobalWebhook, saveRunWebhook } from "./webhooks";

useTestDatabase("comms_outbound");

const ERROR_PAGE = "FATAL: password authentication failed for user postgres (internal-db-7.corp)";

/** Counts connections, and answers every request 500 with an error page worth hiding. */
async function receiver() {
  let connections = 0;
  const server = createServer((_req, res) => res.writeHead(500, { "content-type": "text/plain" }).end(ERROR_PAGE));
  server.on("connection", () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { port, connections: () => connections, stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

let team: Record<TRole, TActor>;
let hook: Awaited<ReturnType<typeof receiver>>;
let restore: (() => void) | null = null;

beforeAll(async () => {
  team = await makeTeam();
  hook = await receiver();
  setRetryPolicy({ delaysMs: [10, 10], timeoutMs: 3000 });
});
afterAll(async () => {
  await settleDeliveries();
  await hook.stop();
});
afterEach(() => {
  restore?.();
  restore = null;
});

describe("at save time", () => {
  it("refuses a webhook at the database port in decimal notation, naming the field", async () => {
    restore = configureOutbound({ allow: NOTHING_ALLOWED });
    const run = await makeRun(team.lead, { name: "Outbound save" });
    const save = saveRunWebhook(team.lead, { runId: run.id, name: "Sneaky", url: "http://2130706433:5432/", format: "json" });
    await expect(save).rejects.toMatchObject({
      code: "invalid_input",
      status: 422,
      message: "url: refused: 127.0.0.1 is a loopback address (an admin can allow it with OUTBOUND_ALLOW)",
    });
    await expect(createGlobalWebhook(team.admin, { name: "Meta", url: "http://[::ffff:a9fe:a9fe]/", format: "json" })).rejects.toMatchObject({
      message: expect.stringMatching(/^url: refused: ::ffff:a9fe:a9fe is a link-local address/),
    });
    expect(await db().webhook.count({ where: { name: { in: ["Sneaky", "Meta"] } } })).toBe(0);
  });

  it("refuses an internal data source unless OUTBOUND_ALLOW allows it", async () => {
    const input = (name: string) => ({ name, url: "http://10.0.0.5:9090", authKind: "none", timeoutMs: 2000, stageLabel: { label: "env", values: { staging: "s", canary: "c", production: "p" } } });
    await expect(createDataSource(team.admin, input("Inside"))).rejects.toMatchObject({ code: "invalid_input", message: expect.stringMatching(/^url: refused: 10\.0\.0\.5 is a private address/) });
    restore = configureOutbound({ allow: parseOutboundAllow("10.0.0.5").allow });
    await expect(createDataSource(team.admin, input("Inside"))).resolves.toMatchObject({ name: "Inside" });
  });
});

describe("at send time", () => {
  it("refuses a stored webhook to http://2130706433:<port>/ without connecting, and does not retry", async () => {
    restore = configureOutbound({ allow: NOTHING_ALLOWED });
    const run = await makeRun(team.lead, { name: "Outbound send" });
    // Stored as a webhook saved before the save-time check would have been.
    await db().webhook.create({ data: { runId: run.id, name: "Decimal loopback", url: `http://2130706433:${hook.port}/`, format: "json", createdById: team.lead.id, createdByName: team.lead.name } });
    const before = hook.connections();
    await postAnnouncement(team.lead, { runId: run.id, templateKey: "in_progress", body: "Going", fields: {} });
    await settleDeliveries();
    const [row] = await db().delivery.findMany({ where: { announcement: { runId: run.id } } });
    expect(row).toMatchObject({ status: "failed", attempts: 1, lastError: "refused: 127.0.0.1 is a loopback address (an admin can allow it with OUTBOUND_ALLOW)" });
    expect(hook.connections()).toBe(before);
  });

  it("stores only the status of an error answer, and shows why to leads and admins only", async () => {
    const run = await makeRun(team.lead, { name: "Outbound errors" });
    await saveRunWebhook(team.lead, { runId: run.id, name: "Ops chat", url: `http://127.0.0.1:${hook.port}/hook`, format: "slack" });
    await postAnnouncement(team.lead, { runId: run.id, templateKey: "in_progress", body: "Going", fields: {} });
    await settleDeliveries();
    const [row] = await db().delivery.findMany({ where: { announcement: { runId: run.id } } });
    expect(row).toMatchObject({ status: "failed", attempts: 3, lastError: "HTTP 500" });

    // Leads and admins see why; viewers and the bridge's event list see that it failed, not why.
    expect((await loadCommsContext(run.id, "lead"))!.deliveryErrors).toEqual({ [row.id]: "HTTP 500" });
    expect((await loadCommsContext(run.id, "admin"))!.deliveryErrors).toEqual({ [row.id]: "HTTP 500" });
    expect((await loadCommsContext(run.id, "viewer"))!.deliveryErrors).toEqual({});
    const { events } = await eventsAfter(run.id, 0);
    const delivery = events.find((e) => e.type === "announcement.delivery")!;
    expect(describeEvent(delivery)).toBe("“Deployment In Progress” NOT delivered to Ops chat after 3 attempts");

    // Nothing the receiver said, nor the reason, is in the events or either export.
    const record = (await loadDeploymentRecord(run.id))!;
    for (const text of [JSON.stringify(events), JSON.stringify(record), recordToMarkdown(record)]) {
      expect(text).not.toContain("FATAL");
      expect(text).not.toContain("HTTP 500");
      expect(text).not.toContain("lastError");
    }
  });
});
