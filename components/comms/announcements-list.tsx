"use client";
// Posted announcements, newest first, each with its delivery to every webhook: sending, delivered, or
// failed after how many tries, and why for leads and admins (who can resend the failed ones).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { TSend } from "@/components/poll/look";
import { deliverySummary, type TAnnouncementView, type TDeliveryView } from "@/lib/domain/comms-events";
import { formatUtcMinute } from "@/lib/domain/time-format";
import { CopyButton } from "./copy-button";
import { UserText } from "@/components/ui/user-text";

/** The first two lines with text, for the list; the full text is one click away. */
const preview = (body: string) => {
  const lines = body.split("\n").map((l) => l.trim()).filter(Boolean);
  return `${lines.slice(0, 2).join(" · ")}${lines.length > 2 ? " …" : ""}`;
};
const SHOWN = 3;

const DELIVERY_LOOK: Record<TDeliveryView["status"], { icon: string; className: string; word: string }> = {
  pending: { icon: "…", className: "border-slate-300 bg-slate-50 text-slate-800", word: "sending" },
  delivered: { icon: "✓", className: "border-emerald-300 bg-emerald-50 text-emerald-900", word: "delivered" },
  failed: { icon: "✗", className: "border-red-300 bg-red-50 text-red-900", word: "failed" },
};

/** Failed delivery id → reason; given to leads and admins only. */
type TDeliveryErrors = Readonly<Record<string, string>>;

function Delivery({ delivery, reason }: { delivery: TDeliveryView; reason: string | undefined }) {
  const look = DELIVERY_LOOK[delivery.status];
  const detail =
    delivery.status === "failed"
      ? ` after ${delivery.attempts} ${delivery.attempts === 1 ? "try" : "tries"}${reason ? `: ${reason}` : ""}`
      : delivery.status === "delivered" && delivery.attempts > 1
        ? ` (${delivery.attempts} tries)`
        : "";
  return (
    <li className={`rounded border px-2 py-0.5 text-xs ${look.className}`} data-testid="delivery" data-status={delivery.status}>
      <span aria-hidden="true">{look.icon} </span>
      <span className="font-semibold"><UserText>{delivery.targetName}</UserText></span> {look.word}
      {detail}
    </li>
  );
}

function Announcement({ announcement, deliveryErrors, canPost, send }: { announcement: TAnnouncementView; deliveryErrors: TDeliveryErrors; canPost: boolean; send: TSend }) {
  const [isOpen, setIsOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hasFailed = announcement.deliveries.some((d) => d.status === "failed");

  async function resend() {
    setError(null);
    const reply = await send("comms:redeliver", { announcementId: announcement.id });
    if ("error" in reply) setError(reply.error.message);
  }

  return (
    <li className="rounded-md border border-slate-200 p-2" data-testid="announcement" data-template={announcement.templateKey}>
      <div className="flex items-baseline justify-between gap-2">
        <p className="text-sm font-semibold text-slate-900">{announcement.title.replace(/:.*$/, "")}</p>
        <p className="shrink-0 text-xs text-slate-600">{formatUtcMinute(announcement.postedAt)} · <UserText>{announcement.postedByName}</UserText></p>
      </div>
      <p className="mt-1 text-xs text-slate-700">{preview(announcement.body)}</p>
      {announcement.deliveries.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-1" aria-label={`Webhooks: ${deliverySummary(announcement.deliveries)}`}>
          {announcement.deliveries.map((d) => (
            <Delivery key={d.id} delivery={d} reason={deliveryErrors[d.id]} />
          ))}
        </ul>
      )}
      <div className="mt-2 flex flex-wrap items-center gap-1">
        <Button variant="ghost" className="!px-2 !py-1 text-xs" onClick={() => setIsOpen((v) => !v)} aria-expanded={isOpen}>
          {isOpen ? "Hide text" : "Full text"}
        </Button>
        <CopyButton text={announcement.body} label="Copy" variant="ghost" />
        {canPost && hasFailed && (
          <Button variant="secondary" className="!px-2 !py-1 text-xs" onClick={() => void resend()}>Resend failed</Button>
        )}
      </div>
      {isOpen && <pre className="mt-2 max-h-64 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap text-slate-900"><UserText>{announcement.body}</UserText></pre>}
      {error && <p role="alert" className="mt-1 text-xs text-red-800">⚠ {error}</p>}
    </li>
  );
}

export function AnnouncementsList({ announcements, deliveryErrors, canPost, send }: { announcements: TAnnouncementView[]; deliveryErrors: TDeliveryErrors; canPost: boolean; send: TSend }) {
  const [isAll, setIsAll] = useState(false);
  if (announcements.length === 0) return <p className="text-sm text-slate-600">Nothing posted yet.</p>;
  const shown = isAll ? announcements : announcements.slice(0, SHOWN);
  return (
    <>
      <ol className="space-y-2" data-testid="announcements">
        {shown.map((a) => (
          <Announcement key={a.id} announcement={a} deliveryErrors={deliveryErrors} canPost={canPost} send={send} />
        ))}
      </ol>
      {announcements.length > SHOWN && (
        <button type="button" className="text-sm font-semibold text-blue-800 underline" onClick={() => setIsAll((v) => !v)}>
          {isAll ? "Show the latest only" : `Show all ${announcements.length}`}
        </button>
      )}
    </>
  );
}
