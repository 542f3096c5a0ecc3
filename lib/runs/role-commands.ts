// An admin hands a run position (Deployment Lead, Tech Lead, DevOps, QA) to someone else, on the record.
// Answers already given stay as given (they name who gave them); the new holder votes from now on.
import type { TActor } from "../auth/users";
import { POLL_EVENTS, type TRoleReassignedPayload } from "../domain/go-no-go-events";
import { isTerminal, type TRunStatus } from "../domain/run-status";
import { AppError, parseInput } from "../errors";
import { runCommand } from "../timeline/command";
import { positionLabel, ZReassignRole } from "./poll-schemas";

// run:reassign-role – admin only.
export async function reassignRole(actor: TActor, input: unknown) {
  const { runId, role, userId, commandId } = parseInput(ZReassignRole, input);
  return runCommand({ runId, actor, permission: "users.manage", commandId }, async (tx, run) => {
    if (isTerminal(run.status as TRunStatus)) throw new AppError("illegal_transition", "The run is over: its positions can no longer change.");
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, role: true } });
    if (!user) throw new AppError("invalid_input", "userId: no such user");
    if (user.role === "viewer") throw new AppError("invalid_input", `${user.name} is a viewer: viewers cannot hold a run position.`);
    const current = await tx.runRole.findUnique({ where: { runId_role: { runId, role } }, include: { user: { select: { name: true } } } });
    if (current?.userId === userId) throw new AppError("invalid_input", `${user.name} already holds ${positionLabel(role)}.`);
    await tx.runRole.upsert({ where: { runId_role: { runId, role } }, create: { runId, role, userId }, update: { userId } });
    const payload: TRoleReassignedPayload = {
      role,
      roleLabel: positionLabel(role),
      fromUserId: current?.userId ?? null,
      fromName: current?.user.name ?? null,
      toUserId: user.id,
      toName: user.name,
    };
    return { type: POLL_EVENTS.roleReassigned, payload };
  });
}
