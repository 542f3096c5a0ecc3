// The tower's look ahead: the week's upcoming windows (with their conflicts) and the locks and
// freezes holding services now or soon.
import { GuardIcon } from "@/components/locks/guard-icon";
import { UserText } from "@/components/ui/user-text";
import { describeFreeze } from "@/lib/domain/service-guards";
import { formatUtcDateMinute, formatUtcMinute } from "@/lib/domain/time-format";
import type { TTowerBoard } from "@/lib/domain/tower";
import { ConflictBadges } from "./conflict-badges";
import { TOWER_LOOK, type TTowerVariant } from "./tower-look";

export function UpcomingWindows({ upcoming, variant }: { upcoming: TTowerBoard["upcoming"]; variant: TTowerVariant }) {
  const look = TOWER_LOOK[variant];
  return (
    <section aria-label="Upcoming windows" data-testid="tower-upcoming" className={look.card}>
      <h2 className={look.heading}>Upcoming windows <span className={look.muted}>(7 days)</span></h2>
      {upcoming.length === 0 ? (
        <p className={look.muted}>Nothing planned this week.</p>
      ) : (
        <ul className="space-y-2">
          {upcoming.map((w) => (
            <li key={w.id} data-testid="tower-upcoming-run" data-run-id={w.id}>
              <span className="font-semibold tabular-nums">{formatUtcDateMinute(w.start).replace(" UTC", "")}–{formatUtcMinute(w.end)}</span>{" "}
              <UserText>{w.name}</UserText> <span className={look.muted}>· <UserText>{w.service}</UserText>{w.leadName && <> · <UserText>{w.leadName}</UserText></>}</span>
              <ConflictBadges conflicts={w.conflicts} variant={variant} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function TowerGuards({ locks, freezes, variant }: Pick<TTowerBoard, "locks" | "freezes"> & { variant: TTowerVariant }) {
  const look = TOWER_LOOK[variant];
  return (
    <section aria-label="Locks and freezes" data-testid="tower-guards" className={look.card}>
      <h2 className={look.heading}>Locks and freezes</h2>
      {locks.length === 0 && freezes.length === 0 && <p className={look.muted}>No service is locked or frozen this week.</p>}
      <ul className="space-y-2">
        {locks.map((lock) => (
          <li key={lock.id} data-testid="tower-lock">
            <span className="font-bold"><GuardIcon source="lock" /> Locked: <UserText>{lock.service}</UserText></span>{" "}
            <span className={look.muted}>by <UserText>{lock.holderName}</UserText> since {formatUtcMinute(lock.takenAt)}: <UserText>{lock.reason}</UserText></span>
          </li>
        ))}
        {freezes.map(({ freeze, start, end, isActive }) => (
          <li key={freeze.id} data-testid="tower-freeze" data-active={isActive}>
            <span className="font-bold">
              <GuardIcon source="freeze" /> {isActive ? "Frozen now" : "Freeze"}: {freeze.service === null ? "every service" : <UserText>{freeze.service}</UserText>}
            </span>{" "}
            <span className={look.muted}>
              {isActive ? `until ${formatUtcDateMinute(end)}` : `${formatUtcDateMinute(start)} – ${formatUtcDateMinute(end)}`} · <UserText>{freeze.reason}</UserText>
              {freeze.kind === "weekly" && <> ({describeFreeze(freeze)})</>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
