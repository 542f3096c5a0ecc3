// Sending posted announcements to their webhooks: after the announcement has committed, in the
// background, retried with backoff. Only the final outcome (delivered, or failed after the last try)
// becomes a timeline event, so the war room shows each delivery as sending → delivered / failed and
// a webhook that is down never holds up the lead. Each try first claims the delivery (compare-and-set
// on lastAttemptAt), so with several instances only one sends it; a pending delivery nobody has
// touched for a while (its instance stopped) is picked up by the sweep.
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { COMMS_EVENTS, type TDeliveryPayload } from "../domain/comms-events";
import {
  DEFAULT_RETRY_POLICY,
  describeAttempt,
  isRetryable,
  webhookPayload,
  type TAttemptResult,
  type TRetryPolicy,
} from "../domain/webhook-payload";
import { AppError } from "../errors";
import { log } from "../log";
import { countDeliveryAttempt } from "../observability/metrics";
import { outboundRequest } from "../outbound/request";
import { runCommand } from "../timeline/command";
import { runtime } from "../runtime";
import { toDeliveryView } from "./views";

/** The actor of every delivery outcome on the timeline. */
export const WEBHOOK_ACTOR: TActor = { id: "system:webhooks", name: "Webhooks", role: "admin" };

type TSenderState = { policy: TRetryPolicy; inFlight: Map<string, Promise<void>>; sweeper: NodeJS.Timeout | null };

// On globalThis: socket commands (server.ts) and server actions (Next's bundle) share one sender.
const holder = globalThis as typeof globalThis & { __warroomDeliveries?: TSenderState };
function state(): TSenderState {
  holder.__warroomDeliveries ??= { policy: DEFAULT_RETRY_POLICY, inFlight: new Map(), sweeper: null };
  return holder.__warroomDeliveries;
}

/** Tests shorten the waits; the server keeps the defaults. */
export function setRetryPolicy(policy: TRetryPolicy): void {
  state().policy = policy;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/** One try, through the outbound rules: only the status is read, the receiver's body never is. */
async function post(url: string, body: unknown, timeoutMs: number): Promise<TAttemptResult> {
  const result = await outboundRequest({
    url,
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "Warroom-Webhook/1" },
    body: JSON.stringify(body),
    timeoutMs,
    isBodyIgnored: true,
  });
  if (!result.ok) return { kind: result.kind === "refused" ? "refused" : "network", reason: result.reason };
  return result.status >= 200 && result.status < 300 ? { kind: "ok" } : { kind: "http", status: result.status };
}

async function loadDelivery(deliveryId: string) {
  return db().announcementDelivery.findUnique({
    where: { id: deliveryId },
    include: {
      webhook: true,
      announcement: { include: { run: { select: { id: true, name: true, service: true, targetVersion: true, commit: true, status: true } } } },
    },
  });
}

type TOutcome = { status: "delivered" | "failed"; attempts: number; lastError: string | null; at: Date };

/** The final outcome, through the one command path; refused (and ignored) if the delivery is no longer pending. */
async function recordOutcome(runId: string, deliveryId: string, outcome: TOutcome): Promise<void> {
  try {
    await runCommand({ runId, actor: WEBHOOK_ACTOR, permission: "comms.post" }, async (tx) => {
      const row = await tx.announcementDelivery.findUnique({ where: { id: deliveryId }, include: { announcement: { select: { id: true, title: true } } } });
      if (!row || row.status !== "pending") throw new AppError("conflict", "This delivery is no longer pending.");
      const updated = await tx.announcementDelivery.update({
        where: { id: deliveryId },
        data: {
          status: outcome.status,
          attempts: outcome.attempts,
          lastError: outcome.lastError,
          lastAttemptAt: outcome.at,
          deliveredAt: outcome.status === "delivered" ? outcome.at : null,
        },
      });
      const payload: TDeliveryPayload = { announcementId: row.announcement.id, title: row.announcement.title, delivery: toDeliveryView(updated) };
      return { type: COMMS_EVENTS.delivery, payload };
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict") return;
    throw error;
  }
}

/** Take the delivery for this try: only if nobody else touched it since we read it. */
async function claim(deliveryId: string, seen: Date | null): Promise<boolean> {
  const { count } = await db().announcementDelivery.updateMany({
    where: { id: deliveryId, status: "pending", lastAttemptAt: seen },
    data: { lastAttemptAt: new Date() },
  });
  return count === 1;
}

async function deliver(deliveryId: string): Promise<void> {
  const { policy } = state();
  const first = await loadDelivery(deliveryId);
  if (!first || first.status !== "pending") return;
  const runId = first.announcement.run.id;
  let attempts = 0;
  let lastError: string | null = null;
  for (;;) {
    // Read again before each try: the webhook may have been removed, paused or edited meanwhile.
    const current = attempts === 0 ? first : await loadDelivery(deliveryId);
    if (!current || current.status !== "pending") return;
    if (!(await claim(deliveryId, current.lastAttemptAt))) return;
    if (!current.webhook || !current.webhook.isEnabled) {
      const why = current.webhook ? "The webhook was paused before it could be sent" : "The webhook was removed before it could be sent";
      return recordOutcome(runId, deliveryId, { status: "failed", attempts, lastError: why, at: new Date() });
    }
    const { announcement } = current;
    const body = webhookPayload(
      current.format,
      { id: announcement.id, templateKey: announcement.templateKey, title: announcement.title, body: announcement.body, postedByName: announcement.postedByName, postedAt: announcement.postedAt.toISOString() },
      { ...announcement.run, url: `${runtime().appUrl}/runs/${announcement.run.id}` },
    );
    const result = await post(current.webhook.url, body, policy.timeoutMs);
    countDeliveryAttempt("webhook", result.kind);
    attempts += 1;
    if (result.kind === "ok") return recordOutcome(runId, deliveryId, { status: "delivered", attempts, lastError: null, at: new Date() });
    lastError = describeAttempt(result);
    const wait = policy.delaysMs[attempts - 1];
    if (!isRetryable(result) || wait === undefined) {
      log.warn("webhook delivery failed", { deliveryId, target: current.targetName, attempts, error: lastError });
      return recordOutcome(runId, deliveryId, { status: "failed", attempts, lastError, at: new Date() });
    }
    await sleep(wait);
  }
}

/** Start sending a delivery in the background (once per delivery at a time); resolves when it settles. */
export function scheduleDelivery(deliveryId: string): Promise<void> {
  const { inFlight } = state();
  const running = inFlight.get(deliveryId);
  if (running) return running;
  const task = deliver(deliveryId)
    .catch((error: Error) => log.error("webhook delivery crashed", { deliveryId, message: error.message }))
    .finally(() => inFlight.delete(deliveryId));
  inFlight.set(deliveryId, task);
  return task;
}

/** Every delivery still in flight (tests wait for them; nothing else needs to). */
export function settleDeliveries(): Promise<void> {
  return Promise.all([...state().inFlight.values()]).then(() => undefined);
}

/** Longer than any wait between two tries plus a try's timeout: a delivery untouched this long has no sender. */
function staleAfterMs(policy: TRetryPolicy): number {
  return Math.max(...policy.delaysMs, 0) + policy.timeoutMs + 30_000;
}

/** Send the pending deliveries whose sender stopped (a restart, a crash, another instance gone). */
export async function sweepStaleDeliveries(now = new Date()): Promise<number> {
  const staleBefore = new Date(now.getTime() - staleAfterMs(state().policy));
  const pending = await db().announcementDelivery.findMany({
    where: {
      status: "pending",
      OR: [{ lastAttemptAt: { lt: staleBefore } }, { lastAttemptAt: null, announcement: { postedAt: { lt: staleBefore } } }],
    },
    select: { id: true },
  });
  for (const { id } of pending) void scheduleDelivery(id);
  return pending.length;
}

export const SWEEP_EVERY_MS = 60_000;

/** At start: sweep now, then every minute. */
export async function resumePendingDeliveries(): Promise<number> {
  const sender = state();
  if (!sender.sweeper) {
    sender.sweeper = setInterval(() => void sweepStaleDeliveries().catch((error: Error) => log.warn("webhook sweep failed", { message: error.message })), SWEEP_EVERY_MS);
    sender.sweeper.unref();
  }
  return sweepStaleDeliveries();
}
