// What bench:ingest measures against, on the shared bench server (e2e/bench/bench-server.ts): a team,
// N runs each with an API token, one more run for the baseline inserts and one for the chart query,
// and a lead's session for reading charts over HTTP.
import { makeRun, makeTeam } from "../support/factories";
import { db } from "../../lib/db/client";
import { createApiToken } from "../../lib/metrics/tokens";
import { startBenchServer } from "./bench-server";
import type { TBenchRun } from "./ingest-load";
import type { TPortPool } from "./ports";

export type TIngestFixture = {
  baseUrl: string;
  databaseUrl: string;
  databaseLabel: string;
  runs: TBenchRun[];
  baselineRunId: string;
  chartRunId: string;
  leadCookie: string;
  close: () => Promise<void>;
};

export async function startIngestFixture(options: { runs: number; ports: TPortPool }): Promise<TIngestFixture> {
  const server = await startBenchServer({
    label: "bench_ingest",
    ports: options.ports,
    prepare: async () => {
      const team = await makeTeam();
      const runs: TBenchRun[] = [];
      for (let i = 0; i < options.runs; i++) {
        const run = await makeRun(team.lead, { name: `bench:ingest ${i + 1}` });
        runs.push({ runId: run.id, token: (await createApiToken(team.lead, { runId: run.id, name: "bench" })).token });
      }
      const baselineRunId = (await makeRun(team.lead, { name: "bench:ingest raw pg baseline" })).id;
      const chartRunId = (await makeRun(team.lead, { name: "bench:ingest chart query" })).id;
      const leadEmail = (await db().user.findUniqueOrThrow({ where: { id: team.lead.id } })).email;
      return { runs, baselineRunId, chartRunId, leadEmail };
    },
  });
  try {
    const { runs, baselineRunId, chartRunId, leadEmail } = server.data;
    const leadCookie = await server.signIn(leadEmail);
    // This process keeps its runtime (and reopens its pool) for timing the chart query.
    return { baseUrl: server.baseUrl, databaseUrl: server.databaseUrl, databaseLabel: server.databaseLabel, runs, baselineRunId, chartRunId, leadCookie, close: server.close };
  } catch (error) {
    await server.close();
    throw error;
  }
}
