// Socket events that change a run: each hands its input to the one command path and acks.
import type { Socket } from "socket.io";
import type { TActor } from "../auth/users";
import { toErrorResponse } from "../errors";
import { log } from "../log";
import type { TCommandResult } from "../timeline/command";
import { recordCheckRound } from "../runs/check-commands";
import { changeItem } from "../runs/item-commands";
import { closePoll, openPoll, overridePoll, reopenPoll, votePoll } from "../runs/poll-commands";
import { reassignRole } from "../runs/role-commands";
import { advanceRollout } from "../runs/rollout-commands";
import { changeStatus } from "../runs/status-commands";
import { declareMetric, saveRule } from "../metrics/rules";
import { acknowledgeAlert, decideAlert, triggerRollback } from "../metrics/rollback-commands";
import { revokeApiToken } from "../metrics/tokens";
import { postAnnouncement, redeliverAnnouncement } from "../comms/announcements";
import { saveCommsTemplate } from "../comms/templates";
import { removeRunWebhook, saveRunWebhook } from "../comms/webhooks";
import { abandonWalk, applyWalk, startWalk, stepWalk } from "../decisions/commands";
import type { TAck, TClientToServerEvents, TInterServerEvents, TServerToClientEvents, TSocketData } from "../realtime/events";

type TSocket = Socket<TClientToServerEvents, TServerToClientEvents, TInterServerEvents, TSocketData>;

const COMMANDS = {
  "item:change": changeItem,
  "run:status": changeStatus,
  "rollout:advance": advanceRollout,
  "check:complete": recordCheckRound,
  "poll:open": openPoll,
  "poll:reopen": reopenPoll,
  "poll:vote": votePoll,
  "poll:close": closePoll,
  "poll:override": overridePoll,
  "run:reassign-role": reassignRole,
  "metrics:rule-save": saveRule,
  "metrics:declare": declareMetric,
  "token:revoke": revokeApiToken,
  "rollback:trigger": triggerRollback,
  "rollback:acknowledge": acknowledgeAlert,
  "rollback:decide": decideAlert,
  "comms:post": postAnnouncement,
  "comms:redeliver": redeliverAnnouncement,
  "comms:template-save": saveCommsTemplate,
  "webhook:save": saveRunWebhook,
  "webhook:remove": removeRunWebhook,
  "decision:start": startWalk,
  "decision:step": stepWalk,
  "decision:apply": applyWalk,
  "decision:abandon": abandonWalk,
} as const satisfies Record<string, (actor: TActor, input: unknown) => Promise<TCommandResult>>;

export function registerCommandHandlers(socket: TSocket): void {
  for (const [name, command] of Object.entries(COMMANDS)) {
    socket.on(name as keyof typeof COMMANDS, async (input: unknown, ack: (reply: TAck<{ seq: number }>) => void) => {
      const reply = typeof ack === "function" ? ack : () => undefined;
      try {
        const { event } = await command(socket.data.user, input);
        reply({ data: { seq: event.seq } });
      } catch (error) {
        const { status, body } = toErrorResponse(error);
        if (status >= 500) log.error(`${name} failed`, { message: (error as Error)?.message });
        reply(body);
      }
    });
  }
}
