// The socket commands, listed once: each event name with the zod schema of its input and the
// command it runs through the one command path. The server parses every input with its schema at
// the socket (a 4xx naming the field otherwise); screens get each command's input type from the same
// schema (TRunCommandInput), so `send` is checked where it is written.
import "server-only";
import type { z } from "zod";
import type { TActor } from "../auth/users";
import { removeRunWebhook, saveRunWebhook } from "../comms/webhooks";
import { postAnnouncement, redeliverAnnouncement } from "../comms/announcements";
import {
  ZAbandonWalk,
  ZApplyWalk,
  ZPostAnnouncement,
  ZRedeliver,
  ZRemoveRunWebhook,
  ZSaveRunWebhook,
  ZSaveTemplate,
  ZStartWalk,
  ZStepWalk,
} from "../comms/schemas";
import { saveCommsTemplate } from "../comms/templates";
import { abandonWalk, applyWalk, startWalk, stepWalk } from "../decisions/commands";
import { AppError, parseInput, toErrorResponse } from "../errors";
import { log } from "../log";
import { acknowledgeAlert, decideAlert, triggerRollback } from "../metrics/rollback-commands";
import { declareMetric, saveRule } from "../metrics/rules";
import { ZAcknowledgeAlert, ZDecideAlert, ZDeclareMetric, ZSaveRule, ZTriggerRollback } from "../metrics/schemas";
import { revokeApiToken, ZRevokeToken } from "../metrics/tokens";
import type { TServerSocket } from "../realtime/server/server";
import { recordCheckRound } from "../runs/check-commands";
import { overrideGuards } from "../locks/commands";
import { ZOverrideGuards } from "../locks/schemas";
import { changeItem } from "../runs/item-commands";
import { closePoll, openPoll, overridePoll, reopenPoll, votePoll } from "../runs/poll-commands";
import { ZClosePoll, ZOpenPoll, ZOverridePoll, ZReassignRole, ZReopenPoll, ZVotePoll } from "../runs/poll-schemas";
import { reassignRole } from "../runs/role-commands";
import { advanceRollout } from "../runs/rollout-commands";
import { ZCheckRoundCommand, ZItemCommand, ZRolloutCommand, ZStatusCommand } from "../runs/schemas";
import { changeStatus } from "../runs/status-commands";
import type { TCommandResult } from "../timeline/command";
import { passGate } from "./command-gate";
import { dropIfStale, socketActor } from "./socket-actor";

// A command receives its input as written (it parses it itself: server actions and tests call it
// too); the socket checks it against the same schema first, so the input type is the schema's input.
type TCommand<TSchema extends z.ZodType> = { schema: TSchema; run: (actor: TActor, input: z.input<TSchema>) => Promise<TCommandResult> };
const command = <TSchema extends z.ZodType>(schema: TSchema, run: (actor: TActor, input: z.input<TSchema>) => Promise<TCommandResult>): TCommand<TSchema> => ({
  schema,
  run,
});

/**
 * A socket answers a command with its seq only, so a new signed webhook's secret could never be
 * shown: those are added with the form's server action (lib/notify/actions.ts), which answers it once.
 */
function saveRunWebhookOverSocket(actor: TActor, input: z.input<typeof ZSaveRunWebhook>): Promise<TCommandResult> {
  if (input.format === "signed" && !input.webhookId) {
    throw new AppError("invalid_input", "format: add a signed webhook with the war room's form, which shows its secret once");
  }
  return saveRunWebhook(actor, input);
}

export const RUN_COMMANDS = {
  "item:change": command(ZItemCommand, changeItem),
  "run:status": command(ZStatusCommand, changeStatus),
  "rollout:advance": command(ZRolloutCommand, advanceRollout),
  "check:complete": command(ZCheckRoundCommand, recordCheckRound),
  "poll:open": command(ZOpenPoll, openPoll),
  "poll:reopen": command(ZReopenPoll, reopenPoll),
  "poll:vote": command(ZVotePoll, votePoll),
  "poll:close": command(ZClosePoll, closePoll),
  "poll:override": command(ZOverridePoll, overridePoll),
  "run:reassign-role": command(ZReassignRole, reassignRole),
  "metrics:rule-save": command(ZSaveRule, saveRule),
  "metrics:declare": command(ZDeclareMetric, declareMetric),
  "token:revoke": command(ZRevokeToken, revokeApiToken),
  "rollback:trigger": command(ZTriggerRollback, triggerRollback),
  "rollback:acknowledge": command(ZAcknowledgeAlert, acknowledgeAlert),
  "rollback:decide": command(ZDecideAlert, decideAlert),
  "comms:post": command(ZPostAnnouncement, postAnnouncement),
  "comms:redeliver": command(ZRedeliver, redeliverAnnouncement),
  "comms:template-save": command(ZSaveTemplate, saveCommsTemplate),
  "webhook:save": command(ZSaveRunWebhook, saveRunWebhookOverSocket),
  "webhook:remove": command(ZRemoveRunWebhook, removeRunWebhook),
  "decision:start": command(ZStartWalk, startWalk),
  "decision:step": command(ZStepWalk, stepWalk),
  "decision:apply": command(ZApplyWalk, applyWalk),
  "decision:abandon": command(ZAbandonWalk, abandonWalk),
  "guard:override": command(ZOverrideGuards, overrideGuards),
};

export type TRunCommandName = keyof typeof RUN_COMMANDS;
/** A command's input as a screen writes it: the schema's input, less what `send` adds itself. */
export type TRunCommandInput<K extends TRunCommandName> = Omit<z.input<(typeof RUN_COMMANDS)[K]["schema"]>, "runId" | "commandId">;
/** A command's input as it travels: with the run and the idempotency key. */
export type TRunCommandWireInput<K extends TRunCommandName> = z.input<(typeof RUN_COMMANDS)[K]["schema"]>;

export function registerCommandHandlers(socket: TServerSocket): void {
  for (const name of Object.keys(RUN_COMMANDS) as TRunCommandName[]) {
    const { schema, run } = RUN_COMMANDS[name] as TCommand<z.ZodType>;
    // What arrives over the network is whatever a client sent: the schema decides what it is.
    socket.on(name, async (input: unknown, ack: unknown) => {
      const reply = typeof ack === "function" ? ack : () => undefined;
      // First and in memory: a flood is refused before it costs a connection or a lock wait.
      const pass = passGate(socket);
      if (!pass.isAdmitted) return reply(pass.refusal);
      try {
        const actor = await socketActor(socket);
        parseInput(schema, input);
        const { event } = await run(actor, input);
        reply({ data: { seq: event.seq } });
      } catch (error) {
        const { status, body } = toErrorResponse(error);
        if (status >= 500) log.error(`${name} failed`, { message: (error as Error)?.message });
        reply(body);
        dropIfStale(socket, error);
      } finally {
        pass.release();
      }
    });
  }
}
