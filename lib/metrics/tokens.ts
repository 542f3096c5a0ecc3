// Per-run API tokens for monitoring scripts: created and revoked by leads through the command path,
// shown once, stored as a SHA-256 (tokens are 256 random bits, so a fast hash is enough), sent as
// `Authorization: Bearer <token>` and never as a cookie.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { can } from "../domain/roles";
import { METRIC_EVENTS, type TTokenCreatedPayload, type TTokenRevokedPayload, type TTokenView } from "../domain/metric-events";
import { AppError, parseInput } from "../errors";
import { runCommand, type TCommandResult } from "../timeline/command";
import { ZCommandId } from "../runs/schemas";
import { ZApiScopes } from "../api/scopes";
import { authenticateApiKey } from "../api/keys";

export const TOKEN_PREFIX = "wrm_";
/** How much of a token is kept in the clear so people can tell tokens apart. */
export const SHOWN_CHARS = TOKEN_PREFIX.length + 6;

export const ZCreateToken = z.object({
  runId: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1, "Name the token (e.g. the script that will use it)").max(100),
  /** A run key's scopes; a metric token is a run key that only pushes samples. */
  scopes: ZApiScopes.refine((scopes) => !scopes.includes("runs:write"), "A run key acts on its own run and cannot create runs: use a workspace key").default(["metrics:write"]),
  commandId: ZCommandId,
});
export const ZRevokeToken = z.object({
  runId: z.string().trim().min(1).max(64),
  tokenId: z.string().trim().min(1).max(64),
  commandId: ZCommandId,
});

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function toTokenView(row: {
  id: string;
  name: string;
  prefix: string;
  createdByName: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedByName: string | null;
  scopes: string[];
  lastUsedAt: Date | null;
}): TTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedByName: row.revokedByName,
    scopes: row.scopes,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** Creates a token; the secret is in the result only, never in the timeline or the database. */
export async function createApiToken(actor: TActor, input: unknown): Promise<TCommandResult & { token: string }> {
  const { runId, name, scopes, commandId } = parseInput(ZCreateToken, input);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const result = await runCommand({ runId, actor, permission: "runs.control", commandId }, async (tx, _run, now) => {
    const row = await tx.runApiToken.create({
      data: { runId, name, scopes, tokenHash: hashToken(token), prefix: token.slice(0, SHOWN_CHARS), createdById: actor.id, createdByName: actor.name, createdAt: now },
    });
    const payload: TTokenCreatedPayload = { token: toTokenView(row) };
    return { type: METRIC_EVENTS.tokenCreated, payload };
  });
  if (result.isReplay) throw new AppError("conflict", "That token was already created and its secret shown once: create a new one.");
  return { ...result, token };
}

export async function revokeApiToken(actor: TActor, input: unknown): Promise<TCommandResult> {
  const { runId, tokenId, commandId } = parseInput(ZRevokeToken, input);
  return runCommand({ runId, actor, permission: "runs.control", commandId, references: { token: tokenId } }, async (tx, _run, now) => {
    const row = await tx.runApiToken.findFirst({ where: { id: tokenId, runId } });
    if (!row) throw new AppError("not_found", "No such token in this run.");
    if (row.revokedAt) throw new AppError("conflict", `“${row.name}” was already revoked by ${row.revokedByName}.`);
    await tx.runApiToken.update({ where: { id: tokenId }, data: { revokedAt: now, revokedByName: actor.name } });
    const payload: TTokenRevokedPayload = { tokenId, name: row.name, prefix: row.prefix, revokedAt: now.toISOString(), revokedByName: actor.name };
    return { type: METRIC_EVENTS.tokenRevoked, payload };
  });
}

export type TTokenRun = {
  runId: string;
  /** The run token's or workspace key's id: what its request rate is counted under. */
  credentialId: string;
  runCreatedAt: Date;
  customMetrics: { key: string; label: string; unit: string; kind: string }[];
};

/** The run a bearer token may push to, or 401 naming what is wrong. A session cookie is never enough. */
export async function authenticateToken(authorization: string | null, runId: string): Promise<TTokenRun> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) throw new AppError("unauthenticated", "Send this run's API token as `Authorization: Bearer <token>` (leads create tokens in the war room).");
  // One round trip on the hot path: the token, its run's creation time and its custom metrics.
  const [row] = await db().$queryRaw<{ runId: string; revokedAt: Date | null; scopes: string[]; lastUsedAt: Date | null; tokenId: string; createdAt: Date; customMetrics: TTokenRun["customMetrics"] }[]>`
    SELECT t."runId", t."revokedAt", t.scopes, t."lastUsedAt", t.id AS "tokenId", r."createdAt",
           COALESCE((SELECT json_agg(json_build_object('key', m.key, 'label', m.label, 'unit', m.unit, 'kind', m.kind) ORDER BY m."createdAt")
                     FROM "RunCustomMetric" m WHERE m."runId" = t."runId"), '[]'::json) AS "customMetrics"
    FROM "RunApiToken" t JOIN "Run" r ON r.id = t."runId"
    WHERE t."tokenHash" = ${hashToken(match[1])}`;
  if (!row) return authenticateWorkspaceKey(match[1], runId);
  if (row.revokedAt) throw new AppError("unauthenticated", "This API token was revoked.");
  if (row.runId !== runId) throw new AppError("unauthenticated", "This API token belongs to another run.");
  if (!can("metric_token", "metrics.ingest")) throw new AppError("forbidden", "Metric tokens may not push samples.");
  if (!row.scopes.includes("metrics:write")) throw new AppError("forbidden", "This API key lacks the metrics:write scope.");
  // Last use is shown to the lead; once a minute is precise enough and keeps this hot path read-only.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db().runApiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: new Date() } });
  }
  return { runId, credentialId: row.tokenId, runCreatedAt: row.createdAt, customMetrics: row.customMetrics };
}

/** The slower path: a workspace API key with metrics:write may push to any run (pipelines push for the run they made). */
async function authenticateWorkspaceKey(token: string, runId: string): Promise<TTokenRun> {
  const caller = await authenticateApiKey(`Bearer ${token}`);
  if (!caller.scopes.includes("metrics:write") || !can("api_key", "metrics.ingest")) throw new AppError("forbidden", "This API key lacks the metrics:write scope.");
  const run = await db().run.findUnique({ where: { id: runId }, select: { createdAt: true, customMetrics: { orderBy: { createdAt: "asc" }, select: { key: true, label: true, unit: true, kind: true } } } });
  if (!run) throw new AppError("not_found", "No such run.");
  return { runId, credentialId: caller.keyId, runCreatedAt: run.createdAt, customMetrics: run.customMetrics };
}
