// One try of one message to one destination, through the outbound rules (lib/outbound/request.ts):
// render the notice for the destination's kind, sign it if the kind signs, POST it, and judge the
// answer by status and Retry-After only. Shared by the outbox sender and "Send test message".
import "server-only";
import type { TDestinationKind } from "../domain/notify/kinds";
import type { TNotice, TNoticeRun } from "../domain/notify/notice";
import { judgeAttempt, type TVerdict } from "../domain/notify/outcome";
import { renderNotice } from "../domain/notify/render";
import { pagerDutyEndpoint } from "../domain/notify/render-pagerduty";
import type { TAttemptResult } from "../domain/webhook-payload";
import { outboundRequest } from "../outbound/request";
import { signatureHeaders } from "./signing";

export type TTarget = { kind: TDestinationKind; url: string; secret: string | null };
/** What one try came to: the verdict, the status, how long it took, and the kind of answer (for /metrics; null when nothing was sent). */
export type TTry = { verdict: TVerdict; status: number | null; elapsedMs: number; attempt: TAttemptResult["kind"] | null };

export async function sendOnce(target: TTarget, notice: TNotice, run: TNoticeRun, options: { messageId: string; trigger: string | null; timeoutMs: number }): Promise<TTry> {
  const rendered = renderNotice(target.kind, notice, run, { routingKey: target.secret, trigger: options.trigger });
  if (!rendered) {
    const why = target.kind === "pagerduty" && !target.secret ? "no routing key is set" : "this kind has nothing to say about it";
    return { verdict: { kind: "final", reason: `not sent: ${why}` }, status: null, elapsedMs: 0, attempt: null };
  }
  const body = JSON.stringify(rendered.body);
  const url = rendered.path ? pagerDutyEndpoint(target.url, rendered.path) : target.url;
  const startedAt = Date.now();
  const signed = target.kind === "signed" && target.secret ? signatureHeaders(target.secret, options.messageId, body, new Date()) : {};
  const result = await outboundRequest({
    url,
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "Warroom-Webhook/1", ...signed },
    body,
    timeoutMs: options.timeoutMs,
    isBodyIgnored: true,
  });
  const elapsedMs = Date.now() - startedAt;
  let attempt: TAttemptResult;
  if (!result.ok) attempt = { kind: result.kind === "refused" ? "refused" : "network", reason: result.reason };
  else attempt = result.status >= 200 && result.status < 300 ? { kind: "ok" } : { kind: "http", status: result.status };
  const verdict = judgeAttempt(target.kind, attempt, result.ok ? result.retryAfter : null, Date.now());
  return { verdict, status: result.ok ? result.status : null, elapsedMs, attempt: attempt.kind };
}
