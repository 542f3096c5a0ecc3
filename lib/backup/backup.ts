// npm run db:backup: Warroom's tables streamed out of PostgreSQL with COPY (no pg_dump needed, so it
// works on the embedded database too, whatever its version), in one consistent snapshot, with the
// schema version (the migrations applied) in the header. Format: lib/domain/backup-plan.ts.
import { createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import type { Writable } from "node:stream";
import { createGzip } from "node:zlib";
import { Client } from "pg";
import { to as copyTo } from "pg-copy-streams";
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BACKUP_LINES, loadOrder, type TBackupHeader } from "../domain/backup-plan";
import { appliedMigrations, listReferences, listTables, quoteIdent, setExactSession } from "./catalog";

export type TBackupSummary = { file: string; tables: number; rows: number; bytes: number; migrations: number };

async function write(stream: Writable, chunk: string | Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, "drain");
}

export async function writeBackup(options: { url: string; file: string; warroomVersion: string }): Promise<TBackupSummary> {
  const { url, file } = options;
  const client = new Client({ connectionString: url });
  await client.connect();
  // Written beside the target and renamed at the end: a failed backup never leaves a file that looks whole.
  const partial = `${file}.partial`;
  try {
    await setExactSession(client);
    // One snapshot for every table, however long the copy takes while Warroom keeps writing.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const migrations = await appliedMigrations(client);
    if (migrations.length === 0) throw new Error("This database has no Warroom schema (no migrations applied): nothing to back up.");
    const tables = await listTables(client);
    const order = loadOrder(tables.map((t) => t.name), await listReferences(client));
    const byName = new Map(tables.map((t) => [t.name, t]));
    const header: TBackupHeader = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      warroomVersion: options.warroomVersion,
      migrations,
      tables: order.map((name) => byName.get(name)!),
    };

    const gzip = createGzip();
    const written = pipeline(gzip, createWriteStream(partial, { mode: 0o600 }));
    const rows: Record<string, number> = {};
    await write(gzip, JSON.stringify(header) + "\n");
    for (const table of header.tables) {
      await write(gzip, `${BACKUP_LINES.table}${JSON.stringify({ name: table.name })}\n`);
      const columns = table.columns.map(quoteIdent).join(", ");
      const copy = client.query(copyTo(`COPY ${quoteIdent(table.name)} (${columns}) TO STDOUT`));
      for await (const chunk of copy as AsyncIterable<Buffer>) await write(gzip, chunk);
      rows[table.name] = copy.rowCount;
      await write(gzip, `${BACKUP_LINES.endOfTable}\n`);
    }
    await write(gzip, `${BACKUP_LINES.end}${JSON.stringify({ rows })}\n`);
    gzip.end();
    await written;
    await client.query("COMMIT");
    await rename(partial, file);
    return {
      file,
      tables: header.tables.length,
      rows: Object.values(rows).reduce((sum, n) => sum + n, 0),
      bytes: (await stat(file)).size,
      migrations: migrations.length,
    };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
