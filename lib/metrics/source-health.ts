// A data source's health as the rule evaluators see it, for the admin page: failing once its queries
// have failed at the server's end (unreachable, timing out, an HTTP error, Prometheus overloaded)
// consecutiveErrorLimit times in a row, and well again at the next query it answers — an answer
// that refuses the query (a PromQL error) still proves the server is up. Counted per process (each
// instance queries only the runs it judges) and written to the DataSource row only when that
// changes, at most once a minute while it keeps failing, never per query.
import { db } from "../db/client";
import { log } from "../log";

/** While failing, the error text shown to admins is refreshed at most this often. */
const REWRITE_EVERY_MS = 60_000;

/** `isMarked`: what this process last wrote (null: not known since it started). */
type THealth = { failures: number; isMarked: boolean | null; writtenAt: number };

const holder = globalThis as typeof globalThis & { __warroomSourceHealth?: Map<string, THealth> };
const healths = () => (holder.__warroomSourceHealth ??= new Map());

function healthOf(sourceId: string): THealth {
  let health = healths().get(sourceId);
  if (!health) healths().set(sourceId, (health = { failures: 0, isMarked: null, writtenAt: Number.NEGATIVE_INFINITY }));
  return health;
}

function write(action: Promise<unknown>): void {
  void action.catch((error: Error) => log.warn("data source health not saved", { message: error.message }));
}

/** The server answered (a value, no data, or a refusal of the query). */
export function noteSourceAnswered(sourceId: string): void {
  const health = healthOf(sourceId);
  health.failures = 0;
  if (health.isMarked === false) return;
  health.isMarked = false;
  // The last error stays for the admin page ("last error at …"); only the failing state ends.
  write(db().dataSource.updateMany({ where: { id: sourceId, failingSince: { not: null } }, data: { failingSince: null } }));
}

/** The server did not answer: failing from the `limit`-th failure in a row. */
export function noteSourceFailed(sourceId: string, message: string, limit: number, now: number): void {
  const health = healthOf(sourceId);
  health.failures++;
  if (health.failures < limit) return;
  if (health.isMarked === true && now - health.writtenAt < REWRITE_EVERY_MS) return;
  const wasMarked = health.isMarked === true;
  health.isMarked = true;
  health.writtenAt = now;
  if (!wasMarked) log.warn("data source failing", { dataSourceId: sourceId, failures: health.failures, message });
  const at = new Date(now);
  write(
    db().$executeRaw`
      UPDATE "DataSource" SET "failingSince" = COALESCE("failingSince", ${at}), "lastError" = ${message}, "lastErrorAt" = ${at}
      WHERE id = ${sourceId}`,
  );
}

/** Forget what this process counted (tests, shutdown). */
export function forgetSourceHealth(): void {
  healths().clear();
}
