// What the benchmark database's backends are doing, sampled from pg_stat_activity every few
// milliseconds: active on CPU, waiting on a lock or I/O, or idle in a transaction waiting for the
// client (ClientRead: the Node process had not sent the next statement yet).
import pg from "pg";

export type TWaitSampler = { stop: () => Promise<{ samples: number; counts: Map<string, number> }> };

const QUERY = `SELECT state, wait_event_type, wait_event FROM pg_stat_activity
  WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'`;

export async function sampleWaitEvents(databaseUrl: string, everyMs = 10): Promise<TWaitSampler> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let isRunning = true;
  const loop = (async () => {
    while (isRunning) {
      const { rows } = await client.query<{ state: string; wait_event_type: string | null; wait_event: string | null }>(QUERY);
      samples += 1;
      for (const row of rows) {
        // LISTEN of the socket adapter waits in "idle" and is left out above; an active backend without a wait is on CPU.
        const key = row.wait_event_type ? `${row.state} · ${row.wait_event_type}:${row.wait_event}` : `${row.state} · on CPU`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      isRunning = false;
      await loop;
      await client.end();
      return { samples, counts };
    },
  };
}
