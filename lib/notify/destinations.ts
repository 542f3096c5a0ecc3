// Per destination: its recent deliveries (sending, delivered, failed with a classified reason, never
// a response body), resending a failed one, and "Send test message" with the exact outcome. Leads
// work on a run's (its own destinations and the global ones, its deliveries only); admins on the
// global destinations across runs.
import "server-only";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TWebhookFormat } from "../domain/comms-events";
import { testNotice } from "../domain/notify/notice";
import { can } from "../domain/roles";
import { DEFAULT_RETRY_POLICY } from "../domain/webhook-payload";
import { AppError } from "../errors";
import { runtime } from "../runtime";
import { sendOnce } from "./send";

/** Who is asking, and about what: a run's war room, or the admin page (every run). */
export type TScope = { runId: string } | { runId: null };

export type TDestinationDelivery = {
  id: string;
  webhookId: string | null;
  runId: string;
  runName: string;
  trigger: string | null;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  /** The classified reason of a failure ("HTTP 404: the Discord webhook no longer exists (not retried)"). */
  reason: string | null;
  queuedAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
};

export type TTestOutcome = { isDelivered: boolean; status: number | null; message: string; elapsedMs: number };

const PER_DESTINATION = 10;

function assertScope(actor: TActor, scope: TScope): void {
  if (scope.runId === null ? !can(actor.role, "webhooks.manage") : !can(actor.role, "comms.post")) {
    throw new AppError("forbidden", "Your role does not allow this change.");
  }
}

/** A destination the scope may use: the run's own or a global one (war room); a global one (admins). */
async function destinationIn(scope: TScope, webhookId: string) {
  const row = await db().webhook.findFirst({ where: { id: webhookId, OR: scope.runId === null ? [{ runId: null }] : [{ runId: scope.runId }, { runId: null }] } });
  if (!row) throw new AppError("not_found", "No such destination here.");
  return row;
}

/** The latest deliveries of each destination in scope (a run's, in the war room), newest first. */
export async function listDestinationDeliveries(actor: TActor, scope: TScope): Promise<TDestinationDelivery[]> {
  assertScope(actor, scope);
  const webhooks = await db().webhook.findMany({ where: scope.runId === null ? { runId: null } : { OR: [{ runId: scope.runId }, { runId: null }] }, select: { id: true } });
  const rows = await Promise.all(
    webhooks.map((w) =>
      db().delivery.findMany({
        where: { webhookId: w.id, ...(scope.runId === null ? {} : { runId: scope.runId }) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: PER_DESTINATION,
        include: { run: { select: { name: true } } },
      }),
    ),
  );
  return rows.flat().map((d) => ({
    id: d.id,
    webhookId: d.webhookId,
    runId: d.runId,
    runName: d.run.name,
    trigger: d.trigger,
    status: d.status,
    attempts: d.attempts,
    reason: d.status === "failed" ? d.lastError : null,
    queuedAt: d.createdAt.toISOString(),
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  }));
}

/**
 * Send a failed delivery again. An announcement's are resent through its own command (the timeline
 * says so); any other goes back to pending and is sent at once.
 */
export async function resendDelivery(actor: TActor, scope: TScope, deliveryId: string): Promise<void> {
  assertScope(actor, scope);
  const row = await db().delivery.findUnique({ where: { id: deliveryId }, include: { webhook: { select: { runId: true } } } });
  const isInScope = row && (scope.runId === null ? row.webhook?.runId === null : row.runId === scope.runId);
  if (!row || !isInScope) throw new AppError("not_found", "No such delivery here.");
  if (row.announcementId) throw new AppError("conflict", "An announcement's deliveries are resent from the announcement (Resend failed).");
  const { count } = await db().delivery.updateMany({ where: { id: deliveryId, status: "failed" }, data: { status: "pending", attempts: 0, lastError: null, lastAttemptAt: null, deliveredAt: null } });
  if (count === 0) throw new AppError("conflict", "Only a failed delivery can be resent.");
  const { scheduleDelivery } = await import("../comms/deliveries");
  void scheduleDelivery(deliveryId);
}

/** Send the destination a test message now, once, and say exactly what happened. */
export async function sendTestMessage(actor: TActor, scope: TScope, webhookId: string): Promise<TTestOutcome> {
  assertScope(actor, scope);
  const destination = await destinationIn(scope, webhookId);
  const run = await testRun(scope);
  const now = new Date();
  const target = { kind: destination.format as TWebhookFormat, url: destination.url, secret: destination.secret };
  const { verdict, status, elapsedMs } = await sendOnce(target, testNotice(now), run, { messageId: `test_${now.getTime()}`, trigger: "test", timeoutMs: DEFAULT_RETRY_POLICY.timeoutMs });
  const seconds = `${(elapsedMs / 1000).toFixed(2)} s`;
  if (verdict.kind === "delivered") return { isDelivered: true, status, message: `Delivered: HTTP ${status} in ${seconds}`, elapsedMs };
  const retry = verdict.kind === "retry" ? " (a real message would be retried)" : "";
  return { isDelivered: false, status, message: `Not delivered: ${verdict.reason}${retry}`, elapsedMs };
}

/** The run a test message names: the war room's own, or a stand-in on the admin page. */
async function testRun(scope: TScope) {
  const base = runtime().appUrl;
  if (scope.runId !== null) {
    const run = await db().run.findUnique({ where: { id: scope.runId }, select: { id: true, name: true, service: true, targetVersion: true, commit: true, status: true } });
    if (run) return { ...run, url: `${base}/runs/${run.id}` };
  }
  return { id: "test", name: "Test message", service: "warroom", targetVersion: "—", commit: null, status: "planned", url: `${base}/` };
}
