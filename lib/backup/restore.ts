// npm run db:restore: a backup (lib/backup/backup.ts) loaded into an empty database. The database is
// migrated to the backup's own schema, its tables are streamed in with COPY in one transaction (row
// counts checked against the backup's), and then the newer migrations run as on any upgrade. A
// backup from a newer Warroom is refused before anything is written (lib/domain/backup-plan.ts).
import { createReadStream } from "node:fs";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { Client } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { BACKUP_LINES, planRestore, ZBackupHeader, ZBackupTrailer, type TBackupHeader } from "../domain/backup-plan";
import { applyMigrations, readMigrationsList } from "../db/migrate";
import { appliedMigrations, listTables, quoteIdent, setExactSession } from "./catalog";

export class RestoreRefused extends Error {}

export type TRestoreSummary = { tables: number; rows: number; migratedAfter: string[] };

/** The file's lines, one at a time, however large (gunzip errors, e.g. a truncated file, are thrown). */
async function* linesOf(file: string): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  for await (const chunk of createReadStream(file).pipe(createGunzip()) as AsyncIterable<Buffer>) {
    const text = rest + decoder.write(chunk);
    const lines = text.split("\n");
    rest = lines.pop() ?? "";
    yield* lines;
  }
  rest += decoder.end();
  if (rest) yield rest;
}

function parseHeader(line: string | undefined): TBackupHeader {
  try {
    return ZBackupHeader.parse(JSON.parse(line ?? ""));
  } catch {
    throw new RestoreRefused("This file is not a Warroom backup (made by npm run db:backup).");
  }
}

async function holdsData(client: Client): Promise<string[]> {
  const found: string[] = [];
  for (const table of await listTables(client)) {
    const { rows } = await client.query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(table.name)}) AS found`);
    if (rows[0]?.found) found.push(table.name);
  }
  return found;
}

/** After migrating to the backup's schema, every table of the backup must be there with the same columns. */
async function assertSameTables(client: Client, header: TBackupHeader): Promise<void> {
  const target = new Map((await listTables(client)).map((t) => [t.name, new Set(t.columns)]));
  for (const table of header.tables) {
    const columns = target.get(table.name);
    const missing = columns ? table.columns.filter((c) => !columns.has(c)) : table.columns;
    if (!columns || missing.length > 0 || columns.size !== table.columns.length) {
      throw new RestoreRefused(`The backup's table ${table.name} does not match this Warroom's schema at the same migrations${missing.length ? ` (missing: ${missing.join(", ")})` : ""}.`);
    }
  }
}

async function write(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, "drain");
}

const FLUSH_AT = 256 * 1024;

/** Streams each table's rows into COPY … FROM STDIN; returns the rows loaded per table. */
async function loadTables(client: Client, lines: AsyncGenerator<string>, header: TBackupHeader): Promise<Record<string, number>> {
  const loaded: Record<string, number> = {};
  for (;;) {
    const { value: line, done } = await lines.next();
    if (done) throw new RestoreRefused("The backup ends early (no END line): the file is incomplete.");
    if (line.startsWith(BACKUP_LINES.end)) {
      const trailer = ZBackupTrailer.parse(JSON.parse(line.slice(BACKUP_LINES.end.length)));
      for (const [table, count] of Object.entries(trailer.rows)) {
        if (loaded[table] !== count) throw new RestoreRefused(`The backup says ${table} has ${count} rows, but ${loaded[table] ?? 0} were read: the file is damaged.`);
      }
      return loaded;
    }
    if (!line.startsWith(BACKUP_LINES.table)) throw new RestoreRefused(`Unexpected line in the backup: ${line.slice(0, 60)}`);
    const { name } = JSON.parse(line.slice(BACKUP_LINES.table.length)) as { name: string };
    const table = header.tables.find((t) => t.name === name);
    if (!table) throw new RestoreRefused(`The backup holds a table its header does not list: ${name}.`);
    const copy = client.query(copyFrom(`COPY ${quoteIdent(name)} (${table.columns.map(quoteIdent).join(", ")}) FROM STDIN`));
    const finished = once(copy, "finish");
    let buffered = "";
    for (;;) {
      const next = await lines.next();
      if (next.done) throw new RestoreRefused(`The backup ends inside table ${name}: the file is incomplete.`);
      if (next.value === BACKUP_LINES.endOfTable) break;
      buffered += next.value + "\n";
      if (buffered.length >= FLUSH_AT) {
        await write(copy, buffered);
        buffered = "";
      }
    }
    if (buffered) await write(copy, buffered);
    copy.end();
    await finished;
    loaded[name] = copy.rowCount;
  }
}

export async function restoreBackup(options: { url: string; file: string; replace: boolean }): Promise<TRestoreSummary> {
  const { url, file, replace } = options;
  const lines = linesOf(file);
  const header = parseHeader((await lines.next()).value as string | undefined);
  const client = new Client({ connectionString: url });
  await client.connect();
  let isInTransaction = false;
  try {
    await setExactSession(client);
    if (replace) {
      const { rows } = await client.query<{ schema: string }>("SELECT current_schema() AS schema");
      const schema = quoteIdent(rows[0].schema);
      await client.query(`DROP SCHEMA ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    }
    const known = (await readMigrationsList()).migrationDirectories.map((m) => m.path);
    const plan = planRestore({ backup: header.migrations, known, target: await appliedMigrations(client) });
    if (!plan.ok) throw new RestoreRefused(plan.message);
    const withData = await holdsData(client);
    if (withData.length > 0) {
      throw new RestoreRefused(`The database already holds Warroom data (in ${withData.join(", ")}): restore into an empty database, or pass --replace to delete everything in it first.`);
    }
    await applyMigrations(url, { only: header.migrations });
    await assertSameTables(client, header);

    await client.query("BEGIN");
    isInTransaction = true;
    const loaded = await loadTables(client, lines, header);
    await client.query("COMMIT");
    isInTransaction = false;
    const migratedAfter = await applyMigrations(url);
    return { tables: Object.keys(loaded).length, rows: Object.values(loaded).reduce((sum, n) => sum + n, 0), migratedAfter };
  } catch (error) {
    if (isInTransaction) await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await lines.return(undefined);
    await client.end().catch(() => undefined);
  }
}
