import type { TLiveness } from "@/lib/domain/liveness";
import { formatStopwatch } from "@/lib/domain/time-format";

type TStale = Extract<TLiveness, { state: "stale" }>;

// A lost connection must not look like any verdict: grey hazard stripes, never green, amber or red.
const STRIPES = "bg-[repeating-linear-gradient(135deg,#334155_0_28px,#1e293b_28px_56px)] text-white";

const LOOK = {
  // The bridge: the status word's size, where the status was, for a room to read from its seats.
  bridge: { frame: `rounded-2xl border-8 border-white px-10 py-5 ${STRIPES}`, word: "text-9xl leading-[0.95] font-black tracking-tight", detail: "mt-4 text-5xl font-bold" },
  // The phone's status page: the status card's size.
  phone: { frame: `rounded-xl border-4 border-white px-5 py-4 shadow-lg ring-2 ring-slate-900 ${STRIPES}`, word: "text-3xl leading-tight font-black", detail: "mt-1 text-lg font-bold" },
  // The war room: across the sticky header.
  banner: { frame: `mt-2 rounded-md px-4 py-2 ${STRIPES}`, word: "inline text-xl font-black", detail: "inline text-base font-bold" },
} as const;

/**
 * Shown instead of (or over) a live screen's status while its connection is lost: says so, and for how
 * long nothing has been heard. The feed catches up by itself on reconnect, and this goes away.
 */
export function ConnectionLost({ liveness, variant }: { liveness: TStale; variant: keyof typeof LOOK }) {
  const look = LOOK[variant];
  const age = formatStopwatch(liveness.ageMs);
  return (
    <section role="alert" data-testid="connection-lost" data-age-ms={liveness.ageMs} className={look.frame}>
      <p className={look.word}>{variant === "bridge" ? <>CONNECTION<br />LOST</> : "CONNECTION LOST"}</p>
      <p className={look.detail}>
        {variant === "banner" && " — "}Last update <span data-testid="connection-lost-age" className="tabular-nums">{age}</span> ago
        {variant === "banner" ? ". Reconnecting; what is shown may be out of date." : ". Reconnecting…"}
      </p>
    </section>
  );
}

/** Drains the colour from what a lost connection leaves on screen, so no stale green reads as "on track". */
export const STALE_LOOK = "grayscale opacity-50";
