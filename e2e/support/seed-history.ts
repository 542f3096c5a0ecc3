// History at scale, written straight into the tables with set-based INSERT … SELECT generate_series
// (a hundred thousand events in seconds, where the command path would take minutes): a run's long
// timeline, and many runs. Events are shaped as the command path stores them, so every reader parses
// them: item ticks, and every `metricEvery`-th a rule flapping between ok and firing (what the catch-up
// summary and the chart's firing periods fold).
import { db } from "../../lib/db/client";

const CHUNK = 25_000;

/** Appends `count` events after the run's last seq, one second apart ending now, and moves lastSeq. */
export async function seedTimeline(runId: string, count: number, options: { metricEvery?: number } = {}): Promise<void> {
  const { lastSeq } = await db().run.findUniqueOrThrow({ where: { id: runId }, select: { lastSeq: true } });
  for (const { text, values } of seedTimelineStatements(runId, lastSeq, count, options)) await db().$executeRawUnsafe(text, ...values);
}

/** The same INSERTs (and the lastSeq update) as statements for any client, given the run's last seq. */
export function seedTimelineStatements(runId: string, lastSeq: number, count: number, options: { metricEvery?: number } = {}): { text: string; values: unknown[] }[] {
  const every = options.metricEvery ?? 50;
  const last = lastSeq + count;
  const statements: { text: string; values: unknown[] }[] = [];
  for (let start = lastSeq + 1; start <= last; start += CHUNK) {
    const end = Math.min(last, start + CHUNK - 1);
    statements.push({
      text: `INSERT INTO "TimelineEvent" ("id", "runId", "seq", "actorName", "type", "payload", "createdAt")
      SELECT $1 || '-seed-' || s, $1, s, 'Seeded history',
        CASE WHEN s % $2 = 0 THEN 'metrics.states_changed' ELSE 'item.changed' END,
        CASE WHEN s % $2 = 0 THEN jsonb_build_object(
            'changes', jsonb_build_array(jsonb_build_object(
              'ruleId', 'seed-rule', 'label', 'Error rate', 'metric', 'error_rate', 'severity', 'escalate', 'unit', '%',
              'from', CASE WHEN (s / $2) % 2 = 0 THEN 'ok' ELSE 'firing' END,
              'to', CASE WHEN (s / $2) % 2 = 0 THEN 'firing' ELSE 'ok' END,
              'since', to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'value', 1.5, 'stage', 'canary')),
            'alertsRaised', '[]'::jsonb)
          ELSE jsonb_build_object(
            'itemId', 'seed-item', 'phaseKey', 'production', 'text', 'Seeded check ' || s, 'state', CASE WHEN s % 2 = 0 THEN 'done' ELSE 'open' END,
            'note', NULL, 'version', s, 'changedByName', 'Seeded history', 'changedAt', to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        END,
        t
      FROM generate_series($3::int, $4::int) s, LATERAL (SELECT now() - make_interval(secs => $5::int - s) AS t) clock`,
      values: [runId, every, start, end, last],
    });
  }
  statements.push({ text: `UPDATE "Run" SET "lastSeq" = $2 WHERE "id" = $1`, values: [runId, last] });
  return statements;
}

/**
 * `count` runs copied from `template` (a run made through the command path, so its playbook and
 * template are real), without phases or events: what the runs list reads. Created one minute apart
 * ending now; services, names and statuses vary so that filters have something to narrow.
 */
export async function seedRuns(templateRunId: string, count: number, options: TSeedRunsOptions = {}): Promise<void> {
  for (const { text, values } of seedRunsStatements(templateRunId, count, options)) await db().$executeRawUnsafe(text, ...values);
}

export type TSeedRunsOptions = { prefix?: string; services?: string[]; name?: string };

/** The same INSERTs as statements for any client (a Playwright spec writes through its own pg client). */
export function seedRunsStatements(templateRunId: string, count: number, options: TSeedRunsOptions = {}): { text: string; values: unknown[] }[] {
  const prefix = options.prefix ?? "seed";
  const services = options.services ?? ["payments", "ledger", "search", "checkout"];
  const name = options.name ?? "Release";
  const statements: { text: string; values: unknown[] }[] = [];
  for (let start = 1; start <= count; start += CHUNK) {
    const end = Math.min(count, start + CHUNK - 1);
    statements.push({
      text: `INSERT INTO "Run" ("id", "templateId", "name", "service", "targetVersion", "plannedStart", "plannedDurationMin", "status", "playbook", "createdAt", "updatedAt")
      SELECT $1 || 'run' || s, r."templateId", $2 || ' ' || s, ($3::text[])[1 + s % cardinality($3::text[])], '1.' || (s / 100) || '.' || (s % 100),
        now() - make_interval(mins => $4::int - s), 240,
        (ARRAY['completed', 'completed', 'completed', 'rolled_back', 'aborted', 'planned'])[1 + s % 6]::"RunStatus", r."playbook",
        now() - make_interval(mins => $4::int - s), now()
      FROM generate_series($5::int, $6::int) s, "Run" r WHERE r."id" = $7`,
      values: [prefix, name, services, count, start, end, templateRunId],
    });
  }
  return statements;
}
