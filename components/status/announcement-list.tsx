import type { TPublicAnnouncement } from "@/lib/domain/public-status";
import { formatUtcDateTime } from "@/lib/domain/time-format";
import { UserText } from "@/components/ui/user-text";

/** What the team has posted for stakeholders, newest first. Plain text, always. */
export function AnnouncementList({ announcements }: { announcements: TPublicAnnouncement[] }) {
  return (
    <section aria-labelledby="announcements-heading" className="rounded-lg border border-slate-200 bg-white px-4 py-3" data-testid="status-announcements">
      <h2 id="announcements-heading" className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Announcements</h2>
      {announcements.length === 0 ? (
        <p className="mt-1 text-base text-slate-700">No announcements yet.</p>
      ) : (
        <ol className="mt-2 space-y-3">
          {announcements.map((a) => (
            <li key={a.seq} className="border-t border-slate-100 pt-2 first:border-0 first:pt-0" data-testid="status-announcement">
              <p className="text-xs text-slate-600">{formatUtcDateTime(a.postedAt)}</p>
              {a.title && <p className="font-semibold break-words text-slate-900"><UserText>{a.title}</UserText></p>}
              <p className="text-base break-words whitespace-pre-wrap text-slate-800"><UserText>{a.body}</UserText></p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
