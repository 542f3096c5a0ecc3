// Why a run's deliveries failed, for the people who can fix it: leads and admins. The reason is only
// ever a status or a classified network reason ("HTTP 500", "connection refused", "refused: 127.0.0.1
// is a loopback address …"), but it still names internal hosts and how they answer, so it stays out
// of events, snapshots, the record and the status page, which viewers and stakeholders read.
import { db } from "../db/client";
import { can, type TRole } from "../domain/roles";

/** Delivery id → reason, for the run's failed deliveries; empty for roles that may not post. */
export async function loadDeliveryErrors(runId: string, role: TRole): Promise<Record<string, string>> {
  if (!can(role, "comms.post")) return {};
  const rows = await db().delivery.findMany({
    where: { announcement: { runId }, status: "failed", lastError: { not: null } },
    select: { id: true, lastError: true },
  });
  return Object.fromEntries(rows.map((r) => [r.id, r.lastError!]));
}
