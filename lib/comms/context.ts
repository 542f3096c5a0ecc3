// What the war room's communications and baseline panels need beyond the snapshot: the latest metric
// values, the service's last completed run (its commit is what a rollback restores; its baseline is
// what this run is compared with), the global webhooks an announcement will also go to and, for
// leads and admins, why deliveries failed.
import { db } from "../db/client";
import type { TWebhookView } from "../domain/comms-events";
import type { TRole } from "../domain/roles";
import { loadDeliveryErrors } from "./delivery-errors";
import { latestMetricValues, previousBaseline, type TPreviousBaseline } from "../record/baseline";
import { listGlobalWebhooks } from "./queries";

export type TCommsContextData = {
  latestMetrics: Record<string, number>;
  previousCommit: string | null;
  baseline: TPreviousBaseline | null;
  globalWebhooks: TWebhookView[];
  /** Failed delivery id → reason; filled for roles that may post (leads, admins), empty for others. */
  deliveryErrors: Record<string, string>;
};

export async function loadCommsContext(runId: string, role: TRole, now = new Date()): Promise<TCommsContextData | null> {
  const run = await db().run.findUnique({ where: { id: runId }, select: { service: true, endedAt: true } });
  if (!run) return null;
  const before = run.endedAt ?? now;
  const [latestMetrics, baseline, previousRun, globalWebhooks, deliveryErrors] = await Promise.all([
    latestMetricValues(runId, now),
    previousBaseline(runId, run.service, before),
    db().run.findFirst({
      where: { id: { not: runId }, status: "completed", service: { equals: run.service.trim(), mode: "insensitive" }, endedAt: { lt: before } },
      orderBy: { endedAt: "desc" },
      select: { commit: true, targetVersion: true },
    }),
    listGlobalWebhooks(),
    loadDeliveryErrors(runId, role),
  ]);
  return { latestMetrics, previousCommit: previousRun?.commit ?? previousRun?.targetVersion ?? null, baseline, globalWebhooks, deliveryErrors };
}
