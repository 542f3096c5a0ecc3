// The rules of a Warroom backup file (lib/backup): what its header says, whether this Warroom can
// restore it, and the order its tables are loaded in. Pure; the streaming is in lib/backup.
import { z } from "zod";

export const BACKUP_FORMAT = "warroom-backup";
export const BACKUP_FORMAT_VERSION = 1;

/**
 * A backup file, gzipped: the header as one JSON line; per table `TABLE {"name":…}`, its rows as
 * PostgreSQL COPY text (one row per line: COPY escapes newlines and backslashes in values, so a
 * row is never `\.` alone) and `\.`; then `END {"rows":{…}}`.
 */
export const BACKUP_LINES = { table: "TABLE ", endOfTable: "\\.", end: "END " } as const;

/** Tables never backed up: the migration bookkeeping (a restore migrates afresh) and the socket adapter's transient packets. */
export const TABLES_NOT_BACKED_UP = ["_prisma_migrations", "socket_io_attachments"] as const;

export const ZBackupTable = z.object({ name: z.string().min(1), columns: z.array(z.string().min(1)).min(1) });
export type TBackupTable = z.infer<typeof ZBackupTable>;

export const ZBackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.string(),
  warroomVersion: z.string(),
  /** The migrations applied to the database it was made from, in order: its schema version. */
  migrations: z.array(z.string().min(1)),
  tables: z.array(ZBackupTable),
});
export type TBackupHeader = z.infer<typeof ZBackupHeader>;

/** The closing line: each table's row count, checked against what the restore loaded. */
export const ZBackupTrailer = z.object({ rows: z.record(z.string(), z.number().int().min(0)) });

export type TRestorePlan = { ok: true; /** Migrations to apply before loading, to reach the backup's schema. */ migrateFirst: string[]; /** Applied after loading. */ migrateAfter: string[] } | { ok: false; message: string };

/**
 * Can a backup made at schema `backup` be loaded into a database at `target`, by a Warroom whose
 * migrations are `known`? The data is loaded at the backup's own schema, then the newer migrations
 * bring it up to date as an upgrade would.
 */
export function planRestore(input: { backup: readonly string[]; known: readonly string[]; target: readonly string[] }): TRestorePlan {
  const { backup, known, target } = input;
  const unknown = backup.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `This backup is from a newer Warroom: its schema has ${unknown.length === 1 ? "a migration" : `${unknown.length} migrations`} this version does not know (${unknown.join(", ")}). Upgrade Warroom, then restore.`,
    };
  }
  if (backup.some((name, i) => known[i] !== name)) {
    return { ok: false, message: `This backup's migrations (${backup.join(", ")}) are not this Warroom's in the same order: it was made by another line of Warroom.` };
  }
  if (target.length > backup.length || target.some((name, i) => backup[i] !== name)) {
    return {
      ok: false,
      message: `The database is already migrated past this backup's schema (its last migration is ${target.at(-1)}, the backup's ${backup.at(-1) ?? "none"}): restore into an empty database, or pass --replace.`,
    };
  }
  return { ok: true, migrateFirst: backup.slice(target.length), migrateAfter: known.slice(backup.length) };
}

/**
 * Tables in an order that loads every referenced row before the rows referring to it (a table's
 * references to itself are checked at the end of its COPY). Throws on a cycle between tables.
 */
export function loadOrder(tables: readonly string[], references: readonly { from: string; to: string }[]): string[] {
  const ordered: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (table: string, path: string[]) => {
    if (state.get(table) === "done") return;
    if (state.get(table) === "visiting") throw new Error(`The tables reference each other in a cycle (${[...path, table].join(" → ")}): no load order exists.`);
    state.set(table, "visiting");
    for (const ref of references) if (ref.from === table && ref.to !== table && tables.includes(ref.to)) visit(ref.to, [...path, table]);
    state.set(table, "done");
    ordered.push(table);
  };
  for (const table of [...tables].sort()) visit(table, []);
  return ordered;
}
