"use client";
// The war room's communications: when the next in-progress update is due (loud once overdue), the
// four runbook templates one click away, what was posted with its deliveries, and the webhooks.
import { Button } from "@/components/ui/button";
import type { TSend } from "@/components/poll/look";
import type { TCommsContextData } from "@/lib/comms/context";
import type { TCommsTemplateKey } from "@/lib/domain/comms-events";
import { can, type TRole } from "@/lib/domain/roles";
import { formatCountdown, formatUtcMinute } from "@/lib/domain/time-format";
import type { TRunSnapshot } from "@/lib/domain/run-snapshot";
import { cadenceMinutes, updateDue, type TUpdateDue } from "@/lib/domain/update-due";
import { useDeliveryErrors } from "@/lib/realtime/client/use-delivery-errors";
import { useLatestMetrics } from "@/lib/realtime/client/use-latest-metrics";
import { BaselineComparison } from "@/components/record/baseline-comparison";
import { AnnouncementsList } from "./announcements-list";
import { Composer } from "./composer";
import { closeComposer, openComposer, useComposerRequest } from "./composer-store";
import { WebhookSettings } from "./webhook-settings";

type TProps = { snapshot: TRunSnapshot; now: Date; role: TRole; send: TSend; context?: TCommsContextData };

const BUTTON_LABELS: Record<TCommsTemplateKey, string> = { pre_deployment: "Pre-deployment", in_progress: "In progress", complete: "Complete", rollback: "Rollback" };

const EMPTY_CONTEXT: TCommsContextData = { latestMetrics: {}, previousCommit: null, baseline: null, globalWebhooks: [], deliveryErrors: {} };

function UpdateDue({ due, canPost }: { due: TUpdateDue; canPost: boolean }) {
  const isOverdue = due.kind === "overdue";
  return (
    <div
      data-testid="update-due"
      data-state={due.kind}
      role={isOverdue ? "alert" : undefined}
      className={`flex flex-wrap items-center gap-2 rounded-md px-3 py-2 ${isOverdue ? "animate-pulse border-2 border-red-700 bg-red-50 text-red-900" : "border border-slate-200 bg-slate-50 text-slate-800"}`}
    >
      <p className="text-sm">
        {isOverdue ? (
          <strong className="font-black">UPDATE OVERDUE by {formatCountdown(due.overdueMs)}</strong>
        ) : (
          <>
            In-progress update due in <strong className="font-mono">{formatCountdown(due.remainingMs)}</strong>
          </>
        )}
        <span className="block text-xs">{due.lastPostedAt ? `Last posted ${formatUtcMinute(due.lastPostedAt)}` : "None posted yet"}</span>
      </p>
      {canPost && (
        <Button variant={isOverdue ? "danger" : "secondary"} className="ml-auto !px-3 !py-1" onClick={() => openComposer("in_progress")}>
          Post update
        </Button>
      )}
    </div>
  );
}

export function CommsPanel({ snapshot, now, role, send, context = EMPTY_CONTEXT }: TProps) {
  const request = useComposerRequest();
  const latestMetrics = useLatestMetrics(snapshot.id, context.latestMetrics, now);
  const canPost = can(role, "comms.post");
  const deliveryErrors = useDeliveryErrors(snapshot.id, snapshot.comms.announcements, context.deliveryErrors, canPost);
  const inProgress = snapshot.comms.templates.find((t) => t.key === "in_progress");
  const due = updateDue(
    { status: snapshot.status, startedAt: snapshot.startedAt, announcements: snapshot.comms.announcements, intervalMinutes: cadenceMinutes(inProgress?.cadence) },
    now,
  );

  return (
    <>
      <section aria-labelledby="comms-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="comms-panel">
        <h2 id="comms-heading" className="text-lg font-bold text-slate-900">Communications</h2>
        {due && <UpdateDue due={due} canPost={canPost} />}
        {canPost && (
          <div className="grid grid-cols-2 gap-2">
            {snapshot.comms.templates.map((t) => (
              <Button key={t.key} variant={t.key === "rollback" ? "danger" : "secondary"} className="!px-2 !py-1.5 text-xs" onClick={() => openComposer(t.key)}>
                {BUTTON_LABELS[t.key]}
              </Button>
            ))}
          </div>
        )}
        <AnnouncementsList announcements={snapshot.comms.announcements} deliveryErrors={deliveryErrors} canPost={canPost} send={send} />
        <WebhookSettings runId={snapshot.id} webhooks={snapshot.comms.webhooks} globalWebhooks={context.globalWebhooks} canManage={canPost} send={send} />
      </section>
      {context.baseline && <BaselineComparison baseline={context.baseline} current={latestMetrics} />}
      {request && canPost && (
        <Composer
          key={`${request.key}:${JSON.stringify(request.fields)}`}
          snapshot={snapshot}
          request={request}
          latestMetrics={latestMetrics}
          previousCommit={context.previousCommit}
          globalWebhooks={context.globalWebhooks}
          now={now}
          send={send}
          onClose={closeComposer}
        />
      )}
    </>
  );
}
