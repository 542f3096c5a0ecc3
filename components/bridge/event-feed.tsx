import type { TRunEvent } from "@/lib/domain/events/catalogue";
import { roomEvents } from "@/lib/domain/room-events";
import { formatUtcClock } from "@/lib/domain/time-format";
import { Panel } from "./panel";

const SHOWN = 8;

/** The last few things that happened that a room should see, newest first, in words (room-events.ts). */
export function EventFeed({ timeline }: { timeline: TRunEvent[] }) {
  const entries = roomEvents(timeline, SHOWN);
  return (
    <Panel label="Latest events" testId="bridge-events" retained={{ events: timeline.length }} className="relative flex min-h-0 flex-col gap-4 overflow-hidden">
      {entries.length === 0 ? (
        <p className="text-3xl text-slate-400">Nothing has happened yet.</p>
      ) : (
        <ol className="flex flex-col gap-4">
          {entries.map(({ event, line }) => (
            <li key={event.seq} data-testid="bridge-event">
              <time dateTime={event.createdAt} className="block font-mono text-lg text-slate-400 tabular-nums">
                {formatUtcClock(event.createdAt)}
              </time>
              <p className="line-clamp-2 text-2xl leading-snug text-white">{line}</p>
            </li>
          ))}
        </ol>
      )}
      {/* Older entries may not fit a 1080p screen: fade them out rather than cut a line in half. */}
      <div aria-hidden="true" className="pointer-events-none absolute inset-x-0 bottom-0 h-20 bg-gradient-to-t from-slate-900" />
    </Panel>
  );
}
