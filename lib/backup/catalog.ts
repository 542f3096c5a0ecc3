// What a backup and a restore read of a database's own structure: Warroom's tables with their
// columns, the references between them, and the migrations applied (its schema version).
import type { Client } from "pg";
import { TABLES_NOT_BACKED_UP, type TBackupTable } from "../domain/backup-plan";

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Settings both ends of a COPY share, so every value is written and read back exactly: UTC and ISO
 * dates, and floats at full precision.
 */
export async function setExactSession(client: Client): Promise<void> {
  await client.query("SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 3");
}

/** Warroom's tables in the connection's schema (columns in their order; generated ones left out). */
export async function listTables(client: Client): Promise<TBackupTable[]> {
  const { rows } = await client.query<{ table: string; columns: string[] }>(
    `SELECT c.table_name AS table, array_agg(c.column_name::text ORDER BY c.ordinal_position) AS columns
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
       AND NOT (c.table_name = ANY($1::text[]))
     GROUP BY c.table_name ORDER BY c.table_name`,
    [[...TABLES_NOT_BACKED_UP]],
  );
  return rows.map((row) => ({ name: row.table, columns: row.columns }));
}

/** Foreign keys between the schema's tables: `from` refers to `to`. */
export async function listReferences(client: Client): Promise<{ from: string; to: string }[]> {
  const { rows } = await client.query<{ from: string; to: string }>(
    `SELECT DISTINCT src.relname AS from, dst.relname AS to
     FROM pg_constraint k
     JOIN pg_class src ON src.oid = k.conrelid JOIN pg_class dst ON dst.oid = k.confrelid
     WHERE k.contype = 'f' AND src.relnamespace = current_schema()::regnamespace`,
  );
  return rows;
}

/** The migrations applied to this database, in order (none when it was never migrated). */
export async function appliedMigrations(client: Client): Promise<string[]> {
  const { rows: exists } = await client.query<{ found: boolean }>(`SELECT to_regclass(current_schema() || '._prisma_migrations') IS NOT NULL AS found`);
  if (!exists[0]?.found) return [];
  const { rows } = await client.query<{ name: string }>(
    `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((row) => row.name);
}
