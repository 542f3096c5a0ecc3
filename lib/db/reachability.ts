// One clear line when the configured database cannot be reached, with the password redacted.
import { Client } from "pg";
import { redactUrl } from "../log";

export class DatabaseUnreachableError extends Error {}

export async function assertDatabaseReachable(url: string, timeoutMs = 5000): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message;
    throw new DatabaseUnreachableError(
      `Cannot reach the database at ${redactUrl(url)} (${reason}). Check DATABASE_URL, or unset it to use the embedded PostgreSQL.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
