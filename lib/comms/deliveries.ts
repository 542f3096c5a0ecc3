// The outbox sender: every queued delivery (an announcement's, or any notice of a run event) is sent
// after the transaction that queued it has committed, in the background, retried with backoff (and
// at least as late as a 429's Retry-After says). Each try first claims the delivery (compare-and-set
// on lastAttemptAt), so with several instances only one sends it; a pending delivery nobody has
// touched for a while (its instance stopped) is picked up by the sweep. An announcement's final
// outcome becomes a timeline event (the war room shows sending → delivered / failed); any other
// delivery's outcome is kept on its row, shown per destination to leads and admins.
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { COMMS_EVENTS, type TDeliveryPayload } from "../domain/comms-events";
import { noticesOf } from "../domain/notify/messages";
import { MAX_RETRY_AFTER_MS } from "../domain/notify/outcome";
import type { TNotice } from "../domain/notify/notice";
import { DEFAULT_RETRY_POLICY, type TRetryPolicy } from "../domain/webhook-payload";
import { AppError } from "../errors";
import { log } from "../log";
import { sendOnce } from "../notify/send";
import { countDeliveryAttempt } from "../observability/metrics";
import { runtime } from "../runtime";
import { runCommand } from "../timeline/command";
import { toRunEvent } from "../timeline/events";
import { toAnnouncementView, toDeliveryView } from "./views";

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

const RUN_FIELDS = { id: true, name: true, service: true, targetVersion: true, commit: true, status: true } as const;

async function loadDelivery(deliveryId: string) {
  return db().delivery.findUnique({
    where: { id: deliveryId },
    include: { webhook: true, run: { select: RUN_FIELDS }, announcement: { include: { deliveries: true } } },
  });
}
type TLoaded = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>;

/** What the delivery carries: its event's notice, or (queued before events were linked) its announcement's. */
async function noticeOf(delivery: TLoaded): Promise<TNotice | null> {
  if (delivery.eventSeq !== null) {
    const row = await db().timelineEvent.findUnique({ where: { runId_seq: { runId: delivery.runId, seq: delivery.eventSeq } } });
    return row ? (noticesOf(toRunEvent(row)).find((n) => n.key === delivery.noticeKey) ?? null) : null;
  }
  if (!delivery.announcement) return null;
  const payload = toAnnouncementView(delivery.announcement);
  const event = { runId: delivery.runId, seq: 0, type: "announcement.posted" as const, actorId: null, actorName: payload.postedByName, createdAt: payload.postedAt, payload };
  return noticesOf(event)[0] ?? null;
}

type TOutcome = { status: "delivered" | "failed"; attempts: number; lastError: string | null; at: Date };

/** An announcement's final outcome, through the one command path; refused (and ignored) if the delivery is no longer pending. */
async function recordAnnouncementOutcome(runId: string, deliveryId: string, outcome: TOutcome): Promise<void> {
  try {
    await runCommand({ runId, actor: WEBHOOK_ACTOR, permission: "comms.post" }, async (tx) => {
      const row = await tx.delivery.findUnique({ where: { id: deliveryId }, include: { announcement: { select: { id: true, title: true } } } });
      if (!row || row.status !== "pending" || !row.announcement) throw new AppError("conflict", "This delivery is no longer pending.");
      const updated = await tx.delivery.update({ where: { id: deliveryId }, data: outcomeData(outcome) });
      const payload: TDeliveryPayload = { announcementId: row.announcement.id, title: row.announcement.title, delivery: toDeliveryView(updated) };
      return { type: COMMS_EVENTS.delivery, payload };
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict") return;
    throw error;
  }
}

const outcomeData = (outcome: TOutcome) => ({
  status: outcome.status,
  attempts: outcome.attempts,
  lastError: outcome.lastError,
  lastAttemptAt: outcome.at,
  deliveredAt: outcome.status === "delivered" ? outcome.at : null,
});

async function recordOutcome(delivery: TLoaded, outcome: TOutcome): Promise<void> {
  if (delivery.announcementId) return recordAnnouncementOutcome(delivery.runId, delivery.id, outcome);
  // No timeline event: only a still-pending delivery takes its outcome.
  await db().delivery.updateMany({ where: { id: delivery.id, status: "pending" }, data: outcomeData(outcome) });
}

/** Take the delivery for this try: only if nobody else touched it since we read it. */
async function claim(deliveryId: string, seen: Date | null): Promise<boolean> {
  const { count } = await db().delivery.updateMany({ where: { id: deliveryId, status: "pending", lastAttemptAt: seen }, data: { lastAttemptAt: new Date() } });
  return count === 1;
}

async function deliver(deliveryId: string): Promise<void> {
  const { policy } = state();
  let attempts = 0;
  for (;;) {
    // Read again before each try: the destination may have been removed, paused or edited meanwhile.
    const current = await loadDelivery(deliveryId);
    if (!current || current.status !== "pending") return;
    if (!(await claim(deliveryId, current.lastAttemptAt))) return;
    const fail = (lastError: string) => recordOutcome(current, { status: "failed", attempts, lastError, at: new Date() });
    if (!current.webhook || !current.webhook.isEnabled) {
      return fail(current.webhook ? "The webhook was paused before it could be sent" : "The webhook was removed before it could be sent");
    }
    const notice = await noticeOf(current);
    if (!notice) return fail("not sent: its event no longer reads as a notification");
    const run = { ...current.run, url: `${runtime().appUrl}/runs/${current.run.id}` };
    const target = { kind: current.webhook.format, url: current.webhook.url, secret: current.webhook.secret };
    const { verdict, attempt } = await sendOnce(target, notice, run, { messageId: current.id, trigger: current.trigger, timeoutMs: policy.timeoutMs });
    if (attempt) countDeliveryAttempt("webhook", attempt);
    attempts += 1;
    if (verdict.kind === "delivered") return recordOutcome(current, { status: "delivered", attempts, lastError: null, at: new Date() });
    const wait = policy.delaysMs[attempts - 1];
    if (verdict.kind === "final" || wait === undefined) {
      log.warn("webhook delivery failed", { deliveryId, target: current.targetName, attempts, error: verdict.reason });
      return fail(verdict.reason);
    }
    await sleep(Math.max(wait, verdict.waitAtLeastMs));
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

/** Longer than any wait between two tries (a Retry-After included) plus a try's timeout: a delivery untouched this long has no sender. */
function staleAfterMs(policy: TRetryPolicy): number {
  return Math.max(...policy.delaysMs, MAX_WAIT_MS) + policy.timeoutMs + 30_000;
}
const MAX_WAIT_MS = MAX_RETRY_AFTER_MS;

/** Send the pending deliveries whose sender stopped (a restart, a crash, another instance gone). */
export async function sweepStaleDeliveries(now = new Date()): Promise<number> {
  const staleBefore = new Date(now.getTime() - staleAfterMs(state().policy));
  const pending = await db().delivery.findMany({
    where: { status: "pending", OR: [{ lastAttemptAt: { lt: staleBefore } }, { lastAttemptAt: null, createdAt: { lt: staleBefore } }] },
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
