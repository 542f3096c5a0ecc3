// The matrix's socket events, of the war room (namespace /) and of status links (namespace /status):
// the permission each needs and how to make a valid call.
import { randomUUID } from "node:crypto";
import { db } from "../../db/client";
import { stepWalk } from "../../decisions/commands";
import { manualTriggers } from "../../domain/metric-defaults";
import { createApiToken } from "../../metrics/tokens";
import { STATUS_NAMESPACE } from "../../realtime/events";
import { votePoll } from "../../runs/poll-commands";
import {
  closedRound, deliveriesDone, failedAnnouncement, holderFor, inCanary, manualAlert, openRound, QUESTION, recurringSection,
  runAtGoNoGo, runWebhook, setStatus, spareUser, walk, webhookUrl,
} from "./arrange";
import { socketCall, socketFireAndForget, type TEntry } from "./calls";
import { world } from "./world";

const socketEntry = (event: string, permission: TEntry["permission"], prepare: TEntry["prepare"], extra: Partial<TEntry> = {}): [string, TEntry] => [
  `socket ${event}`,
  { permission, isMutation: true, prepare, call: socketCall(event), ...extra },
];

export const SOCKET_ENTRIES: Record<string, TEntry> = Object.fromEntries<TEntry>([
  // Socket events of the war room (namespace /): lib/realtime/command-handlers.ts and friends.
  socketEntry("run:join", "runs.read", async (c) => ({ runId: c.run.id }), { isMutation: false }),
  socketEntry("run:leave", "runs.read", async (c) => ({ runId: c.run.id }), { isMutation: false, call: socketFireAndForget("run:leave") }),
  socketEntry("tower:join", "runs.read", async () => ({}), { isMutation: false }),
  socketEntry("tower:leave", "runs.read", async () => undefined, { isMutation: false, call: socketFireAndForget("tower:leave") }),
  socketEntry("item:change", "items.tick", async (c) => {
    const item = await db().runItem.findFirstOrThrow({ where: { section: { phase: { runId: c.run.id }, intervalMinutes: null } } });
    return { runId: c.run.id, itemId: item.id, version: 0, action: { kind: "done" } };
  }),
  socketEntry("run:status", "runs.control", async (c) => ({ runId: c.run.id, to: "pre_deployment", version: 0 })),
  socketEntry("rollout:advance", "runs.control", async (c) => {
    await setStatus(c.run.id, "production");
    return { runId: c.run.id, fromPercent: 0 };
  }),
  socketEntry("check:complete", "items.tick", async (c) => ({ runId: c.run.id, sectionId: (await recurringSection(c.run.id)).id, note: "All green" })),
  socketEntry("poll:open", "runs.control", async (c) => {
    c.run = await runAtGoNoGo();
    return { runId: c.run.id, questions: QUESTION, positions: ["deployment_lead"] };
  }),
  socketEntry("poll:reopen", "runs.control", async (c) => {
    c.run = await runAtGoNoGo();
    return { runId: c.run.id, pollId: await closedRound(c.run.id, "no_go") };
  }),
  socketEntry(
    "poll:vote",
    "poll.vote",
    async (c) => {
      c.run = await runAtGoNoGo(holderFor(c));
      const pollId = await openRound(c.run.id);
      return { runId: c.run.id, pollId, position: "deployment_lead", answers: [{ questionIndex: 0, answer: "go", version: 0 }] };
    },
    { rule: "only the position's holder votes for it (prepare hands the position to the caller when it can hold one)" },
  ),
  socketEntry("poll:close", "runs.control", async (c) => {
    c.run = await runAtGoNoGo();
    const pollId = await openRound(c.run.id);
    await votePoll(world.team.lead, { runId: c.run.id, pollId, position: "deployment_lead", answers: [{ questionIndex: 0, answer: "go", version: 0 }] });
    return { runId: c.run.id, pollId };
  }),
  socketEntry("poll:override", "runs.control", async (c) => {
    c.run = await runAtGoNoGo();
    return { runId: c.run.id, pollId: await closedRound(c.run.id, "no_go"), reason: "Known flaky check, accepted by the CTO" };
  }),
  socketEntry("run:reassign-role", "users.manage", async (c) => ({ runId: c.run.id, role: "tech_lead", userId: (await spareUser()).id })),
  socketEntry("metrics:rule-save", "runs.control", async (c) => ({
    runId: c.run.id,
    metric: "error_rate",
    severity: "escalate",
    comparator: ">",
    threshold: 3,
    window: { kind: "immediate" },
  })),
  socketEntry("metrics:declare", "runs.control", async (c) => ({ runId: c.run.id, key: `queue_${randomUUID().slice(0, 6)}`, label: "Queue depth", unit: "", kind: "count" })),
  socketEntry("token:create", "runs.control", async (c) => ({ runId: c.run.id, name: "prometheus" })),
  socketEntry("token:revoke", "runs.control", async (c) => {
    const { event } = await createApiToken(world.team.lead, { runId: c.run.id, name: "to revoke" });
    return { runId: c.run.id, tokenId: (event.payload as { token: { id: string } }).token.id };
  }),
  socketEntry("rollback:trigger", "runs.control", async (c) => {
    const run = await db().run.findUniqueOrThrow({ where: { id: c.run.id } });
    return { runId: c.run.id, label: manualTriggers(run.playbook)[0], note: "Checksums differ" };
  }),
  socketEntry("rollback:acknowledge", "runs.control", async (c) => ({ runId: c.run.id, alertId: await manualAlert(c.run.id) })),
  socketEntry("rollback:decide", "runs.control", async (c) => ({ runId: c.run.id, alertId: await manualAlert(c.run.id), decision: "continue", reason: "A false alarm" })),

  // Communications (lib/comms): announcements, their deliveries, templates, the run's webhooks.
  // Locks and freezes (lib/locks): a lead's override for one run of what holds it.
  socketEntry(
    "guard:override",
    "guards.override",
    async (c) => {
      const { service } = await db().run.findUniqueOrThrow({ where: { id: c.run.id }, select: { service: true } });
      const serviceKey = service.trim().toLowerCase();
      await db().serviceLock.upsert({ where: { serviceKey }, create: { serviceKey, service, reason: "Matrix", holderName: "Ada Admin" }, update: {} });
      return { runId: c.run.id, reason: "The hotfix for this very incident" };
    },
    { cleanup: async () => void (await db().serviceLock.deleteMany({})) },
  ),
  socketEntry("comms:post", "comms.post", async (c) => ({ runId: c.run.id, templateKey: "in_progress", body: "Staging is green; production starts at 15:00." }), { settle: deliveriesDone }),
  socketEntry("comms:redeliver", "comms.post", async (c) => ({ runId: c.run.id, announcementId: await failedAnnouncement(c.run.id) }), { settle: deliveriesDone }),
  socketEntry("comms:template-save", "comms.post", async (c) => ({ runId: c.run.id, key: "in_progress", body: "Status: {{phase}}", version: 0 })),
  socketEntry("webhook:save", "comms.post", async (c) => ({ runId: c.run.id, name: "Team chat", url: webhookUrl(), format: "slack" })),
  socketEntry("webhook:remove", "comms.post", async (c) => ({ runId: c.run.id, webhookId: await runWebhook(c.run.id) })),

  // Decision guides (lib/decisions): walking a tree, applying or abandoning the walk.
  socketEntry("decision:start", "decisions.walk", async (c) => {
    await inCanary(c.run.id);
    return { runId: c.run.id, treeKey: "canary_red" };
  }),
  socketEntry("decision:step", "decisions.walk", async (c) => ({ runId: c.run.id, walkId: await walk(c.run.id, "canary_red"), step: { kind: "choose", nodeId: "isolated-to-canary" }, version: 0 })),
  socketEntry("decision:apply", "decisions.walk", async (c) => {
    const walkId = await walk(c.run.id, "rollout_errors");
    await stepWalk(world.team.lead, { runId: c.run.id, walkId, step: { kind: "choose", nodeId: "environmental-infra-issue" }, version: 0 });
    await stepWalk(world.team.lead, { runId: c.run.id, walkId, step: { kind: "choose", nodeId: "address-infra-resume" }, version: 1 });
    return { runId: c.run.id, walkId, version: 2 };
  }),
  socketEntry("decision:abandon", "decisions.walk", async (c) => ({ runId: c.run.id, walkId: await walk(c.run.id, "canary_red"), version: 0 })),

  // Socket events of status links (namespace /status): lib/wiring/status-namespace.ts.
  [
    "socket /status status:join",
    { permission: "status.read", isMutation: false, prepare: async () => ({ afterSeq: 0 }), call: socketCall("status:join", STATUS_NAMESPACE) },
  ],
]);
