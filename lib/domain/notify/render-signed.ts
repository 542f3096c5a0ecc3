// A signed event webhook's body (Standard Webhooks, https://www.standardwebhooks.com/: the sender
// signs it in lib/notify/signing.ts): `{type, timestamp, run, event}`. Every string drops bidi
// controls and pings, since consumers forward it to chat; nothing a status link may not see is in it.
import { neutralizeAllMentions, plainOutboundText } from "../safe-text";
import type { TNotice, TNoticeRun } from "./notice";

export function signedPayload(notice: TNotice, run: TNoticeRun, type: string) {
  const text = (value: string) => neutralizeAllMentions(plainOutboundText(value));
  return {
    type,
    timestamp: notice.at,
    run: {
      id: run.id,
      name: text(run.name),
      service: text(run.service),
      version: text(run.targetVersion),
      commit: run.commit === null ? null : text(run.commit),
      status: run.status,
      url: run.url,
    },
    event: {
      seq: notice.seq,
      type: notice.eventType,
      at: notice.at,
      title: text(notice.title),
      summary: text(notice.summary),
      text: notice.text === null ? null : text(notice.text),
      facts: notice.facts.map((f) => ({ label: text(f.label), value: text(f.value) })),
    },
  };
}
