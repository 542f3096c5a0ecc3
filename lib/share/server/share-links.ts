// Stakeholder share links: created and revoked by leads through the one command path (so the
// timeline records who shared what), listed with their last use, and resolved from a token for
// the status page and its socket. The token leaves this module once, in createShareLink's result.
import "server-only";
import type { TActor } from "../../auth/users";
import { db } from "../../db/client";
import { AppError, parseInput } from "../../errors";
import { runCommand, type TCommandResult } from "../../timeline/command";
import { disconnectShareLink } from "../../timeline/sockets";
import {
  defaultExpiry,
  MAX_LINK_DAYS,
  SHARE_EVENTS,
  type TShareCreatedPayload,
  type TShareLinkView,
  type TShareRevokedPayload,
  type TShareRun,
} from "../../domain/share-links";
import { ZCreateShareLink, ZRevokeShareLink } from "./schemas";
import { hashShareToken, isWellFormedToken, newShareToken } from "./tokens";

type TShareLinkRow = {
  id: string;
  runId: string;
  label: string;
  includeCharts: boolean;
  expiresAt: Date;
  createdByName: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedByName: string | null;
  lastUsedAt: Date | null;
};

export function toShareLinkView(row: TShareLinkRow): TShareLinkView {
  return {
    id: row.id,
    runId: row.runId,
    label: row.label,
    includeCharts: row.includeCharts,
    expiresAt: row.expiresAt.toISOString(),
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedByName: row.revokedByName,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

// share:create – a lead makes a link for one run; the token is in the result, once.
export async function createShareLink(actor: TActor, input: unknown): Promise<TCommandResult & { link: TShareLinkView; token: string }> {
  const { runId, label, expiresAt, includeCharts, commandId } = parseInput(ZCreateShareLink, input);
  const token = newShareToken();
  let link: TShareLinkView | undefined;
  const result = await runCommand({ runId, actor, permission: "share.manage", commandId }, async (tx, run, now) => {
    const expiry = expiresAt ?? defaultExpiry(run, now);
    if (expiry.getTime() <= now.getTime()) throw new AppError("invalid_input", "expiresAt: the expiry must be in the future");
    if (expiry.getTime() > now.getTime() + MAX_LINK_DAYS * 24 * 60 * 60_000) {
      throw new AppError("invalid_input", `expiresAt: a link can live at most ${MAX_LINK_DAYS} days`);
    }
    const row = await tx.shareLink.create({
      data: { runId, label, tokenHash: hashShareToken(token), includeCharts, expiresAt: expiry, createdById: actor.id, createdByName: actor.name, createdAt: now },
    });
    link = toShareLinkView(row);
    const payload: TShareCreatedPayload = { linkId: row.id, label, expiresAt: link.expiresAt, includeCharts };
    return { type: SHARE_EVENTS.created, payload };
  });
  // Only the hash was stored: a replayed command cannot show the token again.
  if (result.isReplay || !link) throw new AppError("conflict", "That link was already created and its address shown once: create a new one.");
  return { ...result, link, token };
}

// share:revoke – the link stops working at once: open status pages are told and disconnected.
export async function revokeShareLink(actor: TActor, input: unknown): Promise<TCommandResult & { link: TShareLinkView }> {
  const { runId, linkId, commandId } = parseInput(ZRevokeShareLink, input);
  let link: TShareLinkView | undefined;
  const result = await runCommand({ runId, actor, permission: "share.manage", commandId }, async (tx, _run, now) => {
    const row = await tx.shareLink.findFirst({ where: { id: linkId, runId } });
    if (!row) throw new AppError("not_found", "No such link for this run.");
    if (row.revokedAt) throw new AppError("conflict", `“${row.label}” was already revoked by ${row.revokedByName}.`);
    const updated = await tx.shareLink.update({ where: { id: linkId }, data: { revokedAt: now, revokedByName: actor.name } });
    link = toShareLinkView(updated);
    const payload: TShareRevokedPayload = { linkId, label: row.label };
    return { type: SHARE_EVENTS.revoked, payload };
  });
  link ??= toShareLinkView(await db().shareLink.findUniqueOrThrow({ where: { id: linkId } }));
  disconnectShareLink(linkId);
  return { ...result, link };
}

export async function listShareLinks(runId: string): Promise<TShareLinkView[]> {
  const rows = await db().shareLink.findMany({ where: { runId }, orderBy: { createdAt: "desc" } });
  return rows.map(toShareLinkView);
}

/** The run a share link's id belongs to, for callers that only have the link (the revoke button). */
export async function runIdOfShareLink(linkId: string): Promise<string | null> {
  if (typeof linkId !== "string" || linkId.length > 64) return null;
  return (await db().shareLink.findUnique({ where: { id: linkId }, select: { runId: true } }))?.runId ?? null;
}

export type TResolvedShareLink = { id: string; runId: string; includeCharts: boolean; expiresAt: Date };

/** How often a link's last use is written: often enough to show, rarely enough not to cost a write per reconnect. */
const LAST_USED_GRANULARITY_MS = 60_000;

/** The live link a token names, or null (unknown, malformed, revoked or expired: all look the same). */
export async function resolveShareToken(token: unknown, now: Date): Promise<TResolvedShareLink | null> {
  if (!isWellFormedToken(token)) return null;
  const row = await db().shareLink.findUnique({
    where: { tokenHash: hashShareToken(token) },
    select: { id: true, runId: true, includeCharts: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now.getTime()) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
    await db().shareLink.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_GRANULARITY_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return { id: row.id, runId: row.runId, includeCharts: row.includeCharts, expiresAt: row.expiresAt };
}

/** Whether a link resolved earlier still works (checked again when a socket (re)joins). */
export async function isShareLinkLive(linkId: string, now: Date): Promise<boolean> {
  const row = await db().shareLink.findUnique({ where: { id: linkId }, select: { revokedAt: true, expiresAt: true } });
  return !!row && !row.revokedAt && row.expiresAt.getTime() > now.getTime();
}

/** What the share page needs of a run: its name and the expiry a new link gets by default. */
export async function getShareRun(runId: string, now = new Date()): Promise<TShareRun | null> {
  if (runId.length > 64) return null;
  const run = await db().run.findUnique({ where: { id: runId }, select: { id: true, name: true, plannedStart: true, plannedDurationMin: true } });
  return run ? { id: run.id, name: run.name, defaultExpiry: defaultExpiry(run, now).toISOString() } : null;
}
