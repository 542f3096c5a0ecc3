// PagerDuty Events API v2: a rollback recommendation triggers an alert (severity critical,
// dedup_key = run + rule), a decision or the rule clearing resolves it with the same dedup_key, and
// a run's start and end are change events. Plain text (PagerDuty renders none of it), summary at
// most 1,024 characters, the war room linked.
// https://developer.pagerduty.com/docs/events-api-v2/trigger-events/ (alerts: /v2/enqueue) and
// https://developer.pagerduty.com/docs/events-api-v2/send-change-events/ (/v2/change/enqueue).
import { plainOutboundText } from "../safe-text";
import type { TNotice, TNoticeRun } from "./notice";
import { clip } from "./text";

export const PAGERDUTY_LIMITS = { summary: 1024, dedupKey: 255, bytes: 512 * 1024 } as const;
export const PAGERDUTY_PATHS = { alert: "/v2/enqueue", change: "/v2/change/enqueue" } as const;

const text = (value: string) => plainOutboundText(value).replace(/[\r\n]+/g, " ");

/** The custom details: the run and the notice's figures, as PagerDuty shows them on the incident. */
function details(notice: TNotice, run: TNoticeRun, statusLabel: string): Record<string, string> {
  return {
    run: text(run.name),
    service: text(run.service),
    version: text(run.targetVersion),
    ...(run.commit ? { commit: text(run.commit) } : {}),
    status: statusLabel,
    ...Object.fromEntries(notice.facts.map((f) => [text(f.label).toLowerCase(), text(f.value)])),
    war_room: run.url,
  };
}

export function pagerDutyPayload(notice: TNotice, run: TNoticeRun, statusLabel: string, routingKey: string): { path: string; body: unknown } | null {
  const page = notice.page;
  if (!page) return null;
  const summary = clip(text(`${notice.title} · ${run.service} ${run.targetVersion} (${run.name})`), PAGERDUTY_LIMITS.summary);
  const links = [{ href: run.url, text: "Open the war room" }];
  const source = clip(text(`warroom/${run.service}`), 255);
  if (page.kind === "resolve") {
    return { path: PAGERDUTY_PATHS.alert, body: { routing_key: routingKey, event_action: "resolve", dedup_key: page.dedupKey } };
  }
  if (page.kind === "trigger") {
    return {
      path: PAGERDUTY_PATHS.alert,
      body: {
        routing_key: routingKey,
        event_action: "trigger",
        dedup_key: page.dedupKey,
        payload: {
          summary,
          source,
          severity: page.severity,
          timestamp: notice.at,
          ...(page.component ? { component: text(page.component) } : {}),
          group: text(run.service),
          class: "rollback recommended",
          custom_details: details(notice, run, statusLabel),
        },
        client: "Warroom",
        client_url: run.url,
        links,
      },
    };
  }
  return {
    path: PAGERDUTY_PATHS.change,
    body: { routing_key: routingKey, payload: { summary, source, timestamp: notice.at, custom_details: details(notice, run, statusLabel) }, links },
  };
}

/** The endpoint for a path on the destination's Events API base (a pasted …/v2/enqueue is read as its base). */
export function pagerDutyEndpoint(base: string, path: string): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/v2(\/change)?\/enqueue\/?$/, "").replace(/\/$/, "")}${path}`;
  url.search = "";
  return url.toString();
}
