// A run to change items of, on the shared bench server (e2e/bench/bench-server.ts): a team and a
// run of the seeded runbook, and signed-in sessions of each role. Used by bench:tick and the
// fan-out, cross-instance and browser parts of `npm run bench`.
import type { TRole } from "../../lib/domain/roles";
import type { TRunSnapshot } from "../../lib/domain/run-snapshot";
import { makeRun, makeTeam } from "../support/factories";
import { db } from "../../lib/db/client";
import { createShareLink } from "../../lib/share/server/share-links";
import { startBenchServer } from "./bench-server";
import type { TFanoutTarget } from "./fanout";
import type { TPortPool } from "./ports";

export type TBenchItem = { id: string; version: number; state: string };

export type TTickFixture = {
  /** One per instance; `baseUrl` is the first. */
  urls: string[];
  baseUrl: string;
  runId: string;
  items: TBenchItem[];
  cookies: Record<Exclude<TRole, "admin">, string>;
  /** A stakeholder status link's token (only when asked for with `shareLink`). */
  shareToken: string | null;
  databaseLabel: string;
  databaseUrl: string;
  serverLog: () => string;
  close: () => Promise<void>;
};

export async function startTickFixture(options: {
  ports: TPortPool;
  instances?: number;
  label?: string;
  shareLink?: boolean;
  limits?: "defaults";
  /** More environment for the servers (the tail profile turns on --cpu-prof and /metrics). */
  env?: Record<string, string>;
}): Promise<TTickFixture> {
  const server = await startBenchServer({
    label: options.label ?? "bench",
    ports: options.ports,
    instances: options.instances,
    limits: options.limits,
    env: options.env,
    prepare: async () => {
      const team = await makeTeam();
      const run = await makeRun(team.lead, { name: "bench:tick" });
      const users = await db().user.findMany({ where: { id: { in: [team.lead.id, team.member.id, team.viewer.id] } } });
      const emailOf = (id: string) => users.find((u) => u.id === id)!.email;
      const shareToken = options.shareLink ? (await createShareLink(team.lead, { runId: run.id, label: "bench" })).token : null;
      return { runId: run.id, shareToken, emails: { lead: emailOf(team.lead.id), member: emailOf(team.member.id), viewer: emailOf(team.viewer.id) } };
    },
  });
  try {
    const { runId, emails, shareToken } = server.data;
    const [lead, member, viewer] = await Promise.all([emails.lead, emails.member, emails.viewer].map(server.signIn));
    const items = await fetchTickableItems(server.baseUrl, lead, runId);
    if (items.length === 0) throw new Error("the seeded run has no items that can be ticked");
    return { urls: server.urls, baseUrl: server.baseUrl, runId, items, cookies: { lead, member, viewer }, shareToken, databaseLabel: server.databaseLabel, databaseUrl: server.databaseUrl, serverLog: server.serverLog, close: server.close };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/**
 * The run's items as they are now, from GET /api/runs/<id>: a driver starting a new load step needs
 * the current versions (a refused change leaves its own guess one ahead). Recurring checks are
 * recorded in rounds, not ticked item by item, so they are left out.
 */
export async function fetchTickableItems(baseUrl: string, cookie: string, runId: string): Promise<TBenchItem[]> {
  const response = await fetch(`${baseUrl}/api/runs/${runId}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`GET /api/runs/${runId}: HTTP ${response.status}`);
  const snapshot = (await response.json()) as TRunSnapshot;
  return snapshot.phases.flatMap((phase) =>
    phase.sections
      .filter((section) => section.intervalMinutes === null)
      .flatMap((section) => section.items.map((item) => ({ id: item.id, version: item.version, state: item.state }))),
  );
}

/** The fixture's run as a fan-out target: clients on `clientUrl` (default the first instance), the lead's changes on the first. */
export function fanoutTargetOf(fixture: TTickFixture, clientUrl = fixture.baseUrl): TFanoutTarget {
  return {
    clientUrl,
    driverUrl: fixture.baseUrl,
    runId: fixture.runId,
    clientCookies: [fixture.cookies.viewer, fixture.cookies.member],
    leadCookie: fixture.cookies.lead,
    items: () => fetchTickableItems(fixture.baseUrl, fixture.cookies.lead, fixture.runId),
  };
}
