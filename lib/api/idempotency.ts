// `Idempotency-Key` for the pipeline API: a retried request (same key, same body) is applied once —
// the key becomes runCommand's commandId, so the one command path dedupes it inside its transaction —
// and the same key with a different request is refused (409), never answered with the other's result.
import "server-only";
import { createHash } from "node:crypto";
import { db } from "../db/client";
import { AppError } from "../errors";
import type { TTx } from "../timeline/command";
import type { TApiCaller } from "./caller";

const ZKEY = /^[\x21-\x7e]{8,100}$/;

export type TIdempotency = {
  /** What runCommand dedupes on; undefined when the request carried no key. */
  commandId: string | undefined;
  /** The run an earlier request with this key created or acted on. */
  earlierRunId: string | null;
  /** Records the key (after success only: a refused request leaves nothing behind). */
  remember: (runId: string) => Promise<void>;
  /**
   * Records the key inside the transaction that creates what the request creates: of two requests
   * racing with one key, the second's insert waits for the first's commit and then fails on the
   * unique key, rolling back its own creation (see createApiRun).
   */
  recordIn: (tx: TTx, runId: string) => Promise<void>;
  /** After such a failure: the run the winning request created with this key (409 if its request differed). */
  winnerRunId: () => Promise<string | null>;
};

export const NO_IDEMPOTENCY: TIdempotency = {
  commandId: undefined,
  earlierRunId: null,
  remember: async () => undefined,
  recordIn: async () => undefined,
  winnerRunId: async () => null,
};

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export async function idempotencyOf(caller: TApiCaller, request: Request, body: unknown): Promise<TIdempotency> {
  const key = request.headers.get("idempotency-key");
  if (key === null) return NO_IDEMPOTENCY;
  if (!ZKEY.test(key)) throw new AppError("invalid_input", "Idempotency-Key: must be 8–100 printable characters", { field: "Idempotency-Key" });
  // Keys are per caller: two pipelines that pick the same key do not collide.
  const callerId = caller.apiKey?.keyId ?? caller.actor.id;
  const requestHash = sha256(`${request.method} ${new URL(request.url).pathname}\n${JSON.stringify(body ?? null)}`);
  const find = () => db().apiIdempotencyKey.findUnique({ where: { callerId_key: { callerId, key } } });
  const refuseIfOther = (earlier: { requestHash: string } | null) => {
    if (earlier && earlier.requestHash !== requestHash) {
      throw new AppError("conflict", "Idempotency-Key: this key was already used for a different request; use a new key.", { field: "Idempotency-Key" });
    }
  };
  const earlier = await find();
  refuseIfOther(earlier);
  return {
    // Hashed so any key fits runCommand's commandId and keys of different callers never meet.
    commandId: `api-${sha256(`${callerId}\n${key}`).slice(0, 40)}`,
    earlierRunId: earlier?.runId ?? null,
    remember: async (runId) => {
      await db().apiIdempotencyKey.createMany({ data: [{ callerId, key, requestHash, runId }], skipDuplicates: true });
    },
    recordIn: async (tx, runId) => {
      await tx.apiIdempotencyKey.create({ data: { callerId, key, requestHash, runId } });
    },
    winnerRunId: async () => {
      const winner = await find();
      refuseIfOther(winner);
      return winner?.runId ?? null;
    },
  };
}
