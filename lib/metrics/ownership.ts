// With several instances on one database, each run's rules are judged by one instance only (two
// judges with different views of the samples would flap the states): whichever takes the run's
// PostgreSQL advisory lock first, on a connection of its own. The lock goes with the connection, so
// an instance that stops hands its runs over. A lone instance takes every lock at once (one idle
// connection); it asks even then, since it cannot tell "alone" from "the others not counted yet".
import pg from "pg";
import { createInTurn, type TInTurn } from "../db/in-turn";
import { log } from "../log";
import { runtime } from "../runtime";

/** Advisory lock namespace ("MTRC"), so run locks never clash with the app's other advisory locks. */
const LOCK_NAMESPACE = 0x4d54_5243;

/** `inTurn`: runs are judged side by side, but their lock queries share the one connection. */
type TOwnership = { client: pg.Client | null; connecting: Promise<pg.Client> | null; owned: Set<string>; inTurn: TInTurn };

const holder = globalThis as typeof globalThis & { __warroomMetricsOwnership?: TOwnership };

function state(): TOwnership {
  holder.__warroomMetricsOwnership ??= { client: null, connecting: null, owned: new Set(), inTurn: createInTurn() };
  return holder.__warroomMetricsOwnership;
}

async function connection(): Promise<pg.Client> {
  const s = state();
  if (s.client) return s.client;
  s.connecting ??= (async () => {
    const client = new pg.Client({ connectionString: runtime().databaseUrl });
    const lost = (error?: Error) => {
      if (error) log.warn("metrics ownership connection lost: runs are re-claimed", { message: error.message });
      if (s.client === client) s.client = null;
      s.owned.clear();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    await client.connect();
    s.client = client;
    return client;
  })().finally(() => {
    s.connecting = null;
  });
  return s.connecting;
}

/** Whether this instance judges the run (claiming it if nobody does). */
export async function claimRun(runId: string): Promise<boolean> {
  const s = state();
  if (s.owned.has(runId)) return true;
  const client = await connection();
  const { rows } = await s.inTurn(() =>
    client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS ok", [LOCK_NAMESPACE, runId]),
  );
  if (rows[0]?.ok) s.owned.add(runId);
  return Boolean(rows[0]?.ok);
}

/** Hand a run back (it went quiet here), so another instance may judge it. */
export async function releaseRun(runId: string): Promise<void> {
  const s = state();
  const client = s.client;
  if (!s.owned.delete(runId) || !client) return;
  await s.inTurn(() => client.query("SELECT pg_advisory_unlock($1::int, hashtext($2))", [LOCK_NAMESPACE, runId])).catch(() => undefined);
}

export async function closeOwnership(): Promise<void> {
  const s = state();
  const client = s.client;
  s.client = null;
  s.owned.clear();
  await client?.end().catch(() => undefined);
}
