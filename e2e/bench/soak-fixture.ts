// What bench:soak replays the day against, on the shared bench server (e2e/bench/bench-server.ts): a
// run of the seeded runbook with its leads, a metrics token, a status link with charts, signed-in
// sessions, and GET /metrics open to this machine (the server's RSS, heap and event-loop figures).
import { randomUUID } from "node:crypto";
import type { TActor } from "../../lib/auth/users";
import { db } from "../../lib/db/client";
import { createApiToken } from "../../lib/metrics/tokens";
import { createShareLink } from "../../lib/share/server/share-links";
import { makeRun, makeTeam, makeUser } from "../support/factories";
import { startBenchServer } from "./bench-server";
import type { TPortPool } from "./ports";
import { fetchTickableItems, type TBenchItem } from "./tick-fixture";

export type TSoakFixture = {
  baseUrl: string;
  databaseUrl: string;
  databaseLabel: string;
  runId: string;
  metricsToken: string;
  shareToken: string;
  /** One session per lead, and the run's items dealt out among them (no two leads change one item). */
  leads: { cookie: string; items: TBenchItem[] }[];
  viewerCookie: string;
  serverLog: () => string;
  close: () => Promise<void>;
};

export async function startSoakFixture(options: { ports: TPortPool; leads: number }): Promise<TSoakFixture> {
  const server = await startBenchServer({
    label: "bench_soak",
    ports: options.ports,
    env: { METRICS_ALLOW: "127.0.0.1/32" },
    prepare: async () => {
      const team = await makeTeam();
      const leads: TActor[] = [team.lead];
      for (let i = leads.length; i < options.leads; i++) {
        const user = await makeUser(team.admin, { name: `Lead ${i + 1}`, email: `lead-${randomUUID()}@example.com`, role: "lead" });
        leads.push({ id: user.id, name: user.name, role: user.role });
      }
      const run = await makeRun(team.lead, { name: "bench:soak — a deployment day" });
      const metricsToken = (await createApiToken(team.lead, { runId: run.id, name: "soak" })).token;
      const shareToken = (await createShareLink(team.lead, { runId: run.id, label: "soak", includeCharts: true })).token;
      const users = await db().user.findMany({ where: { id: { in: [...leads.map((l) => l.id), team.viewer.id] } } });
      const emailOf = (id: string) => users.find((u) => u.id === id)!.email;
      return { runId: run.id, metricsToken, shareToken, leadEmails: leads.map((l) => emailOf(l.id)), viewerEmail: emailOf(team.viewer.id) };
    },
  });
  try {
    const { runId, metricsToken, shareToken, leadEmails, viewerEmail } = server.data;
    const cookies = await Promise.all(leadEmails.map(server.signIn));
    const items = await fetchTickableItems(server.baseUrl, cookies[0], runId);
    if (items.length < cookies.length) throw new Error(`the seeded run has ${items.length} items for ${cookies.length} leads`);
    const leads = cookies.map((cookie, i) => ({ cookie, items: items.filter((_, at) => at % cookies.length === i) }));
    return {
      baseUrl: server.baseUrl,
      databaseUrl: server.databaseUrl,
      databaseLabel: server.databaseLabel,
      runId,
      metricsToken,
      shareToken,
      leads,
      viewerCookie: await server.signIn(viewerEmail),
      serverLog: server.serverLog,
      close: server.close,
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
