// API keys for pipelines: workspace keys (admins; any run) here, run keys in lib/metrics/tokens.ts
// (leads; one run; the metric tokens of old are run keys with metrics:write). Both are 256 random
// bits shown once and stored as a SHA-256, sent as `Authorization: Bearer wrm_…`.
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { sharedRead } from "../db/shared-read";
import { can } from "../domain/roles";
import { AppError, parseInput } from "../errors";
import { hashToken, SHOWN_CHARS, TOKEN_PREFIX } from "../metrics/tokens";
import type { TCommandActor } from "../timeline/command";
import { type TApiScope, ZApiScopes } from "./scopes";

export const ZCreateWorkspaceKey = z.object({
  name: z.string().trim().min(1, "Name the key (e.g. the pipeline that will use it)").max(100),
  scopes: ZApiScopes,
});
export const ZRevokeWorkspaceKey = z.object({ keyId: z.string().trim().min(1).max(64) });

export type TApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdByName: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedByName: string | null;
};

/** Who is calling with a key: enough to authorize the call and to name it on the timeline. */
export type TApiKeyCaller = {
  keyId: string;
  name: string;
  scopes: string[];
  /** A run key's run; null for a workspace key (any run). */
  runId: string | null;
  actor: TCommandActor;
};

/** `API key “ci-deploy”`: how a key's changes read on the timeline. */
export const apiKeyActorName = (name: string) => `API key “${name}”`;

export function newSecret(): { token: string; tokenHash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashToken(token), prefix: token.slice(0, SHOWN_CHARS) };
}

function requireAdmin(actor: TActor) {
  if (!can(actor.role, "apikeys.manage")) throw new AppError("forbidden", "Only admins manage workspace API keys.");
}

type TKeyRow = Omit<TApiKeyView, "createdAt" | "lastUsedAt" | "revokedAt"> & { createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };
const toView = (row: TKeyRow): TApiKeyView => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes,
  createdByName: row.createdByName,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
  revokedByName: row.revokedByName,
});

/** Creates a workspace key; the secret is in the result only (shown once), never stored. */
export async function createWorkspaceKey(actor: TActor, input: unknown): Promise<{ key: TApiKeyView; token: string }> {
  requireAdmin(actor);
  return insertWorkspaceKey({ id: actor.id, name: actor.name }, input);
}

/**
 * `npm run token:create` on the server: whoever can run commands there holds the database anyway, so
 * it needs no account (a container's first key, made before anyone has signed in).
 */
export const SERVER_CONSOLE = { id: null, name: "Server console (token:create)" } as const;

export async function insertWorkspaceKey(createdBy: { id: string | null; name: string }, input: unknown): Promise<{ key: TApiKeyView; token: string }> {
  const { name, scopes } = parseInput(ZCreateWorkspaceKey, input);
  const { token, tokenHash, prefix } = newSecret();
  const row = await db().apiKey.create({ data: { name, scopes, tokenHash, prefix, createdById: createdBy.id, createdByName: createdBy.name } });
  return { key: toView(row), token };
}

export async function revokeWorkspaceKey(actor: TActor, input: unknown): Promise<TApiKeyView> {
  requireAdmin(actor);
  const { keyId } = parseInput(ZRevokeWorkspaceKey, input);
  // Only a live key is revoked, so two admins revoking at once leave the first one's name.
  const { count } = await db().apiKey.updateMany({ where: { id: keyId, revokedAt: null }, data: { revokedAt: new Date(), revokedByName: actor.name } });
  const row = await db().apiKey.findUnique({ where: { id: keyId } });
  if (!row) throw new AppError("not_found", "No such API key.");
  if (count === 0) throw new AppError("conflict", `“${row.name}” was already revoked by ${row.revokedByName}.`);
  return toView(row);
}

export async function listWorkspaceKeys(actor: TActor): Promise<TApiKeyView[]> {
  requireAdmin(actor);
  const rows = await db().apiKey.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map(toView);
}

// Last use is bookkeeping, not state: written at most once a minute per key, so a pipeline polling
// the gate does not turn every read into a write. This process remembers its own writes, so within
// the minute it sends none at all (another instance writes its own, at most once a minute too).
const LAST_USED_GRANULARITY_MS = 60_000;
const lastUsedWritten = new Map<string, number>();

function touchLastUsed(table: "ApiKey" | "RunApiToken", id: string): Promise<unknown> {
  const now = Date.now();
  if (now - (lastUsedWritten.get(id) ?? 0) < LAST_USED_GRANULARITY_MS) return Promise.resolve();
  lastUsedWritten.set(id, now);
  return db().$executeRawUnsafe(
    `UPDATE "${table}" SET "lastUsedAt" = now() WHERE id = $1 AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '${LAST_USED_GRANULARITY_MS / 1000} seconds')`,
    id,
  );
}

/** The key row a secret's hash names (a workspace key, else a run key), read once for every request presenting it at the same moment. */
function findKeyRow(tokenHash: string) {
  return sharedRead(`api-key:${tokenHash}`, async () => {
    const workspace = await db().apiKey.findUnique({ where: { tokenHash } });
    const run = workspace ? null : await db().runApiToken.findUnique({ where: { tokenHash } });
    return { workspace, run };
  });
}

/** The key a bearer header names, or 401 saying what is wrong. */
export async function authenticateApiKey(authorization: string | null): Promise<TApiKeyCaller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) throw new AppError("unauthenticated", "Send an API key as `Authorization: Bearer <key>` (admins create workspace keys, leads create run keys in the war room).");
  const { workspace, run } = await findKeyRow(hashToken(match[1]));
  const row = workspace ?? run;
  if (!row) throw new AppError("unauthenticated", "Unknown API token: no API key or metric token has this secret.");
  if (row.revokedAt) throw new AppError("unauthenticated", "This API key was revoked.");
  await touchLastUsed(workspace ? "ApiKey" : "RunApiToken", row.id);
  return {
    keyId: row.id,
    name: row.name,
    scopes: row.scopes,
    runId: run?.runId ?? null,
    actor: { id: row.id, name: apiKeyActorName(row.name), role: "api_key", scopes: row.scopes },
  };
}

/** 403 unless the key holds the scope; a run key also only reaches its own run. */
export function requireScope(caller: TApiKeyCaller, scope: TApiScope, runId?: string): void {
  if (!caller.scopes.includes(scope)) throw new AppError("forbidden", `This API key lacks the ${scope} scope.`);
  if (runId !== undefined && caller.runId !== null && caller.runId !== runId) throw new AppError("forbidden", "This API key belongs to another run.");
}
