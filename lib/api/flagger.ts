// Flagger's webhooks answered by the gate. The contract, from Flagger's source (fluxcd/flagger at
// 15bd6ad5):
//  - pkg/apis/flagger/v1beta1/canary.go, CanaryWebhookPayload: Flagger POSTs JSON
//    {"name", "namespace", "phase", "checksum", "metadata": {string: string}} with only
//    `Content-Type: application/json` — no other header, so a key travels in `metadata` (the
//    webhook's own metadata from the Canary spec is copied in) or in a proxy's Authorization header;
//  - pkg/controller/webhook.go, callWebhook: any status above 202 is an error, i.e. "no": a
//    confirm-rollout / confirm-traffic-increase / confirm-promotion hook holds the canary until it
//    gets 2xx, and a `rollback` hook rolls the canary back when it gets 2xx;
//  - CallEventWebhook: `event` hooks carry metadata.eventMessage, eventType and timestamp, and the
//    payload does not say which hook it is, so each webhook's URL names it: ?hook=confirm-promotion.
// The run is metadata.runId, else the latest run under way of metadata.service (default: the
// canary's name) and, if given, metadata.version.
import "server-only";
import type { z } from "zod";
import { db } from "../db/client";
import { TERMINAL_STATUSES } from "../domain/run-status";
import { AppError } from "../errors";
import type { RunStatus } from "../generated/prisma/client";
import type { TRouteHandler } from "../http/route";
import { runCommand } from "../timeline/command";
import type { TApiCaller } from "./caller";
import { evaluateGate, loadGateState } from "./gate";
import { GATE_STAGES, type TGateStage } from "./gate-rule";
import { DEFAULT_STAGE, type TFlaggerHook, type ZFlaggerPayload, type ZFlaggerQuery } from "./flagger-schemas";

/** Flagger sends no Authorization header: a key in metadata.token is moved there before the API's own authentication. */
export function withFlaggerToken(handler: TRouteHandler): TRouteHandler {
  return async (request, context) => {
    const text = await request.text();
    const headers = new Headers(request.headers);
    if (!headers.has("authorization")) {
      let token: unknown;
      try {
        token = (JSON.parse(text) as { metadata?: { token?: unknown } })?.metadata?.token;
      } catch {
        token = undefined;
      }
      if (typeof token === "string" && token) headers.set("authorization", `Bearer ${token}`);
    }
    return handler(new Request(request.url, { method: request.method, headers, body: text, signal: request.signal }), context);
  };
}

async function findRun(caller: TApiCaller, payload: z.infer<typeof ZFlaggerPayload>): Promise<string> {
  const meta = payload.metadata ?? {};
  const runId = meta.runId ?? meta.run;
  const run = runId
    ? await db().run.findUnique({ where: { id: runId }, select: { id: true } })
    : await db().run.findFirst({
        where: {
          service: { equals: (meta.service ?? payload.name).trim(), mode: "insensitive" },
          ...(meta.version && { targetVersion: meta.version }),
          status: { notIn: TERMINAL_STATUSES as RunStatus[] },
        },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      });
  // A run key reaches only its own run; another run reads as missing.
  if (!run || (caller.apiKey?.runId && caller.apiKey.runId !== run.id)) {
    const which = runId ? `run ${runId}` : `a run under way of ${meta.service ?? payload.name}${meta.version ? ` ${meta.version}` : ""}`;
    throw new AppError("not_found", `metadata: no ${which} (name the run with metadata.runId, or metadata.service and metadata.version).`, { field: "metadata" });
  }
  return run.id;
}

function gateQuery(hook: TFlaggerHook, meta: Record<string, string>) {
  const stage = meta.stage ?? DEFAULT_STAGE[hook];
  if (stage !== undefined && !(GATE_STAGES as readonly string[]).includes(stage)) throw new AppError("invalid_input", `metadata.stage: must be one of ${GATE_STAGES.join(", ")}`, { field: "metadata.stage" });
  const step = meta.step === undefined ? undefined : Number(meta.step);
  if (step !== undefined && !(Number.isInteger(step) && step >= 1 && step <= 100)) throw new AppError("invalid_input", "metadata.step: must be a rollout percentage (1–100)", { field: "metadata.step" });
  return { stage: stage as TGateStage | undefined, step };
}

/** POST /api/v1/hooks/flagger?hook=…: 200 when the gate says yes to this hook, 403 when it does not. */
export async function answerFlagger(caller: TApiCaller, query: z.infer<typeof ZFlaggerQuery>, payload: z.infer<typeof ZFlaggerPayload>): Promise<object> {
  const { hook } = query;
  const runId = await findRun(caller, payload);
  const meta = payload.metadata ?? {};
  if (hook === "event") {
    const canary = `${payload.name}.${payload.namespace}`;
    const { event } = await runCommand({ runId, actor: caller.actor, permission: "runs.control" }, async () => ({
      type: "flagger.event",
      payload: { canary, phase: payload.phase, eventType: meta.eventType ?? "Normal", message: (meta.eventMessage ?? "").slice(0, 2000) || "(no message)" },
    }));
    const state = await loadGateState(runId);
    const gate = evaluateGate(state!, {}, Date.now());
    return { hook, runId, decision: gate.decision, reasons: gate.reasons, recordedSeq: event.seq };
  }
  const state = await loadGateState(runId);
  if (!state) throw new AppError("not_found", "No such run.", { field: "metadata" });
  const { stage, step } = gateQuery(hook, meta);
  const steps = state.run.rolloutSteps.map((s) => s.percent);
  if (step !== undefined && !steps.includes(step)) throw new AppError("invalid_input", `metadata.step: ${step}% is not a step of this run's rollout (${steps.join(", ")})`, { field: "metadata.step" });
  const gate = evaluateGate(state, { stage, step }, Date.now());
  const answer = { hook, runId, decision: gate.decision, reasons: gate.reasons };
  const isYes = hook === "rollback" ? gate.decision === "rollback" : gate.decision === "go";
  if (isYes) return answer;
  const first = gate.reasons[0]?.message ?? "";
  const message = hook === "rollback" ? `No rollback is recommended or decided (the gate says ${gate.decision}).` : `The gate says ${gate.decision}: ${first}`;
  return Response.json({ error: { code: "forbidden", message }, gate: answer }, { status: 403 });
}
