// Stored locks and freezes read as the pure rules' views (lib/domain/service-guards.ts).
import type { TFreezeView, TLockView } from "../domain/service-guards";
import type { FreezeWindow, ServiceLock } from "../generated/prisma/client";

export function toLockView(row: ServiceLock): TLockView {
  return { id: row.id, service: row.service, reason: row.reason, holderName: row.holderName, takenAt: row.takenAt.toISOString() };
}

export function toFreezeView(row: FreezeWindow): TFreezeView {
  const common = { id: row.id, service: row.service, reason: row.reason, createdByName: row.createdByName };
  if (row.kind === "range") {
    return { ...common, kind: "range", startsAt: row.startsAt!.toISOString(), endsAt: row.endsAt!.toISOString(), timeZone: row.timeZone };
  }
  return { ...common, kind: "weekly", weekdays: row.weekdays, startMinute: row.startMinute ?? 0, endMinute: row.endMinute ?? 0, timeZone: row.timeZone };
}
