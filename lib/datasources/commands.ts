// Admins add, change and remove data sources, and test one before or after saving. Not run
// commands (no run, so no timeline event): each checks the permission, validates, then writes.
import "server-only";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { can } from "../domain/roles";
import { AppError, parseInput } from "../errors";
import { assertOutboundUrl } from "../outbound/validate";
import type { DataSource } from "../generated/prisma/client";
import { testPrometheusConnection, type TConnectionResult } from "./prometheus/test-connection";
import { ZDataSourceId, ZDataSourceInput, ZDataSourceUpdate } from "./schemas";
import { storedHeaders, toDataSourceView, toPrometheusTarget, type TDataSourceView } from "./views";

export const MAX_DATA_SOURCES = 50;

type TParsed = ReturnType<typeof ZDataSourceInput.parse>;

function assertAdmin(actor: TActor): void {
  if (!can(actor.role, "datasources.manage")) throw new AppError("forbidden", "Only admins manage data sources.");
}

/**
 * The columns to write. A secret left empty keeps the stored one (switching auth kind clears the
 * other kind's); headers left out keep the stored ones.
 */
function columns(data: TParsed, existing: DataSource | null) {
  const keep = (value: string | undefined, stored: string | null | undefined) => (value ? value : (stored ?? null));
  const bearerToken = data.authKind === "bearer" ? keep(data.bearerToken, existing?.authKind === "bearer" ? existing.bearerToken : null) : null;
  const basicPassword = data.authKind === "basic" ? keep(data.basicPassword, existing?.authKind === "basic" ? existing.basicPassword : null) : null;
  const basicUsername = data.authKind === "basic" ? data.basicUsername || null : null;
  if (data.authKind === "bearer" && !bearerToken) throw new AppError("invalid_input", "bearerToken: Enter the token");
  if (data.authKind === "basic" && (!basicUsername || !basicPassword)) throw new AppError("invalid_input", "Basic authentication needs a username and a password");
  return {
    name: data.name,
    url: data.url,
    authKind: data.authKind,
    bearerToken,
    basicUsername,
    basicPassword,
    extraHeaders: data.extraHeaders ?? (existing ? storedHeaders(existing) : []),
    timeoutMs: data.timeoutMs,
    stageLabel: data.stageLabel,
  };
}

function isNameTaken(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

export async function createDataSource(actor: TActor, input: unknown): Promise<TDataSourceView> {
  assertAdmin(actor);
  const data = parseInput(ZDataSourceInput, input);
  assertOutboundUrl("url", data.url);
  if ((await db().dataSource.count()) >= MAX_DATA_SOURCES) throw new AppError("invalid_input", `At most ${MAX_DATA_SOURCES} data sources.`);
  try {
    return toDataSourceView(await db().dataSource.create({ data: columns(data, null) }));
  } catch (error) {
    if (isNameTaken(error)) throw new AppError("conflict", `A data source named "${data.name}" already exists.`);
    throw error;
  }
}

export async function updateDataSource(actor: TActor, input: unknown): Promise<TDataSourceView> {
  assertAdmin(actor);
  const { id, ...data } = parseInput(ZDataSourceUpdate, input);
  assertOutboundUrl("url", data.url);
  const existing = await db().dataSource.findUnique({ where: { id } });
  if (!existing) throw new AppError("not_found", "No such data source.");
  try {
    return toDataSourceView(await db().dataSource.update({ where: { id }, data: columns(data, existing) }));
  } catch (error) {
    if (isNameTaken(error)) throw new AppError("conflict", `A data source named "${data.name}" already exists.`);
    throw error;
  }
}

export async function deleteDataSource(actor: TActor, input: unknown): Promise<void> {
  assertAdmin(actor);
  const id = parseInput(ZDataSourceId, input);
  const { count } = await db().dataSource.deleteMany({ where: { id } });
  if (count === 0) throw new AppError("not_found", "No such data source.");
}

/**
 * Test the settings as typed (`input`), filling empty secrets from the saved source named by `id`,
 * so an admin can test a change before saving it without retyping the token.
 */
export async function testDataSource(actor: TActor, input: unknown): Promise<TConnectionResult> {
  assertAdmin(actor);
  const { id, ...data } = parseInput(ZDataSourceUpdate.partial({ id: true }), input);
  const existing = id ? await db().dataSource.findUnique({ where: { id } }) : null;
  if (id && !existing) throw new AppError("not_found", "No such data source.");
  const row = { ...columns(data, existing), id: id ?? "unsaved", kind: "prometheus", createdAt: new Date(), updatedAt: new Date(), failingSince: null, lastError: null, lastErrorAt: null } as DataSource;
  return testPrometheusConnection(toPrometheusTarget(row));
}
