// GET /api/v1/runs/<id>/gate as one web handler: Next's route (app/api/v1/runs/[id]/gate) exports it,
// and server.ts answers the same requests with it directly (gate-fast-path.ts), so the two cannot differ.
// When a poll closes, one answer settles hundreds of waiters at once: it is encoded to JSON once for
// all of them (each appends only its own `waitedMs`), and the fast path writes that text as it is
// rather than reading it back out of the Response's body stream.
import { apiRoute } from "./route";
import { API_OPERATIONS } from "./operations";
import { getApiGate, type TGateAnswer } from "./gate";

const encodedAnswers = new WeakMap<TGateAnswer, string>();
const bodies = new WeakMap<Response, string>();

/** The answer as JSON, encoded once however many requests it answers; `waitedMs` is each request's. */
export function gateJson(answer: TGateAnswer, waitedMs?: number): string {
  let json = encodedAnswers.get(answer);
  if (json === undefined) {
    json = JSON.stringify(answer);
    encodedAnswers.set(answer, json);
  }
  // An object's JSON ends with its closing brace: the request's own field goes last, as a spread would put it.
  return waitedMs === undefined ? json : `${json.slice(0, -1)},"waitedMs":${waitedMs}}`;
}

/** The body text of a gate answer this handler made (undefined for an error answer: read its stream). */
export function gateBodyText(response: Response): string | undefined {
  return bodies.get(response);
}

export const gateRoute = apiRoute(API_OPERATIONS.gate, async ({ params, query, request, ...caller }) => {
  const { answer, waitedMs } = await getApiGate(caller, params.id, query, request.signal);
  const body = gateJson(answer, waitedMs);
  const response = new Response(body, { status: API_OPERATIONS.gate.success.status, headers: { "content-type": "application/json" } });
  bodies.set(response, body);
  return response;
});
