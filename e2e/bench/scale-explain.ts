// What PostgreSQL does for a first load's queries at each size: EXPLAIN (ANALYZE, BUFFERS) of the
// statements the war room and the runs list send, reduced to execution time and buffers touched.
// A query whose buffers grow with the history is unbounded; a bounded one touches the same few pages.
import { Client } from "pg";
import { CATCH_UP_EVENT_TYPES } from "../../lib/domain/catch-up";

export type TPlanFigures = { ms: number; buffers: number; plan: string };

type TExplainRow = { "QUERY PLAN": [{ Plan: TPlanNode; "Execution Time": number }] };
type TPlanNode = { "Node Type": string; "Index Name"?: string; "Relation Name"?: string; "Shared Hit Blocks": number; "Shared Read Blocks": number; Plans?: TPlanNode[] };

const outline = (node: TPlanNode): string =>
  [`${node["Node Type"]}${node["Index Name"] ? ` using ${node["Index Name"]}` : node["Relation Name"] ? ` on ${node["Relation Name"]}` : ""}`, ...(node.Plans ?? []).map(outline)].join(" → ");

/** The statements, named, with the run whose history they read. */
export function firstLoadStatements(runId: string): { name: string; sql: string; params: unknown[] }[] {
  const catchUpTypes = CATCH_UP_EVENT_TYPES;
  return [
    { name: "war room: latest timeline page", sql: `SELECT * FROM "TimelineEvent" WHERE "runId" = $1 ORDER BY seq DESC LIMIT 200`, params: [runId] },
    {
      name: "war room: catch-up since checkpoint",
      sql: `SELECT * FROM "TimelineEvent" WHERE "runId" = $1 AND type = ANY($2) AND seq > (SELECT "throughSeq" FROM "RunFoldCheckpoint" WHERE "runId" = $1 AND fold = 'catch-up') ORDER BY seq ASC LIMIT 2000`,
      params: [runId, catchUpTypes],
    },
    { name: "war room: older page (Load older, deepest)", sql: `SELECT * FROM "TimelineEvent" WHERE "runId" = $1 AND seq < 250 ORDER BY seq DESC LIMIT 201`, params: [runId] },
    {
      name: "war room: whole-log fold (before: what the first load read)",
      sql: `SELECT * FROM "TimelineEvent" WHERE "runId" = $1 AND type = ANY($2) ORDER BY seq ASC`,
      params: [runId, catchUpTypes],
    },
    { name: "runs list: first page", sql: `SELECT id, name, service, "targetVersion", status, "plannedStart", "createdAt" FROM "Run" ORDER BY "createdAt" DESC, id DESC LIMIT 51`, params: [] },
    {
      name: "runs list: a page deep in the list (keyset)",
      sql: `SELECT id FROM "Run" WHERE "createdAt" <= $1 AND ("createdAt" < $1 OR id < $2) ORDER BY "createdAt" DESC, id DESC LIMIT 51`,
      params: ["OLDEST", ""],
    },
    { name: "runs list: filtered by status", sql: `SELECT id FROM "Run" WHERE status = 'planned' ORDER BY "createdAt" DESC, id DESC LIMIT 51`, params: [] },
  ];
}

export async function explainFirstLoad(databaseUrl: string, runId: string): Promise<Map<string, TPlanFigures>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // The deep keyset page starts just above the tenth-oldest run.
    const { rows: deep } = await client.query<{ createdAt: Date; id: string }>(`SELECT "createdAt", id FROM "Run" ORDER BY "createdAt" ASC, id ASC OFFSET 60 LIMIT 1`);
    const figures = new Map<string, TPlanFigures>();
    for (const statement of firstLoadStatements(runId)) {
      const params = statement.params.map((p) => (p === "OLDEST" ? (deep[0]?.createdAt ?? new Date()) : p === "" ? (deep[0]?.id ?? "") : p));
      const { rows } = await client.query<TExplainRow>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`, params);
      const [{ Plan: plan, "Execution Time": ms }] = rows[0]["QUERY PLAN"];
      figures.set(statement.name, { ms, buffers: plan["Shared Hit Blocks"] + plan["Shared Read Blocks"], plan: outline(plan) });
    }
    return figures;
  } finally {
    await client.end();
  }
}
