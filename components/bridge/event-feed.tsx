import { describeEvent } from "@/lib/domain/describe-event";
import type { TRunEvent } from "@/lib/domain/events/catalogue";
import { formatUtcClock } from "@/lib/domain/time-format";
import { Panel } from "./panel";

const SHOWN = 8;

/** The last few things that happened, newest first, in words (the timeline is already newest first). */
export function EventFeed({ timeline }: { timeline: TRunEvent[] }) {
  const entries = timeline.slice(0, SHOWN);
  return (
    <Panel label="Latest events" testId="bridge-events" className="relative flex min-h-0 flex-col gap-4 overflow-hidden">
      {entries.length === 0 ? (
        <p className="text-3xl text-slate-400">Nothing has happened yet.</p>
      ) : (
        <ol className="flex flex-col gap-4">
          {entries.map((entry) => (
            <li key={entry.seq} data-testid="bridge-event">
              <time dateTime={entry.createdAt} className="block font-mono text-lg text-slate-400 tabular-nums">
                {formatUtcClock(entry.createdAt)}
              </time>
              <p className="line-clamp-2 text-2xl leading-snug text-white">{describeEvent(entry)}</p>
            </li>
          ))}
        </ol>
      )}
      {/* Older entries may not fit a 1080p screen: fade them out rather than cut a line in half. */}
      <div aria-hidden="true" className="pointer-events-none absolute inset-x-0 bottom-0 h-20 bg-gradient-to-t from-slate-900" />
    </Panel>
  );
}
