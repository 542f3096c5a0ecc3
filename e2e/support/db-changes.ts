// Proof that a refused or malformed request changed nothing: every table of the test database gets
// a trigger that logs each row it writes, so "what changed since" is exact and costs nothing to ask.
// Columns that record use rather than state (a share link's last use, a session's refresh) do not
// count: reading with a credential may touch them, and that is not a change anyone made.
import { db } from "../../lib/db/client";

export const BOOKKEEPING_COLUMNS: Record<string, string[]> = {
  ShareLink: ["lastUsedAt"],
  RunApiToken: ["lastUsedAt"],
  ApiKey: ["lastUsedAt"],
  session: ["updatedAt", "expiresAt"],
};

const AUDIT = "_test_row_writes";

/** Installs the triggers (once per database; safe to call again). Test databases only. */
export async function watchDbChanges(): Promise<void> {
  const ignored = Object.entries(BOOKKEEPING_COLUMNS)
    .map(([table, cols]) => `WHEN '${table}' THEN ARRAY[${cols.map((c) => `'${c}'`).join(", ")}]`)
    .join(" ");
  await db().$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "${AUDIT}" (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL)`);
  await db().$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION "${AUDIT}_fn"() RETURNS trigger AS $$
    DECLARE ignored text[] := CASE TG_TABLE_NAME ${ignored} ELSE ARRAY[]::text[] END;
    BEGIN
      IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) - ignored) = (to_jsonb(NEW) - ignored) THEN RETURN NULL; END IF;
      INSERT INTO "${AUDIT}"(tbl, op) VALUES (TG_TABLE_NAME, TG_OP);
      RETURN NULL;
    END $$ LANGUAGE plpgsql`);
  const tables = await db().$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('_prisma_migrations', ${AUDIT})`;
  for (const { table_name } of tables) {
    await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${AUDIT}_trg" ON "${table_name}"`);
    await db().$executeRawUnsafe(
      `CREATE TRIGGER "${AUDIT}_trg" AFTER INSERT OR UPDATE OR DELETE ON "${table_name}" FOR EACH ROW EXECUTE FUNCTION "${AUDIT}_fn"()`,
    );
  }
}

/** A point to compare against. */
export async function dbMark(): Promise<number> {
  const [row] = await db().$queryRawUnsafe<{ id: bigint | null }[]>(`SELECT max(id) AS id FROM "${AUDIT}"`);
  return Number(row?.id ?? 0);
}

/** The tables written since the mark, with how many rows ("RunItem ×3"). */
export async function dbChangesSince(mark: number): Promise<string[]> {
  const rows = await db().$queryRawUnsafe<{ tbl: string; n: bigint }[]>(
    `SELECT tbl, count(*) AS n FROM "${AUDIT}" WHERE id > $1 GROUP BY tbl ORDER BY tbl`,
    mark,
  );
  return rows.map((r) => `${r.tbl} ×${Number(r.n)}`);
}
