// The sign-in failure limit, around better-auth's HTTP handler. The password is checked first, so
// the right one always signs in, however many wrong ones came from the same address or for the same
// account (a shared office address, someone guessing at a colleague's account); only a failed
// sign-in counts, per client address and per account, and past SIGN_IN_RATE_LIMIT a minute further
// failures are answered 429 with Retry-After instead of 401. What keeps guessing impractical is the
// password policy (12+ characters, none of the 10,000 most common) and the cost of each hash check.
import { runtime } from "../runtime";
import { recordCredentialFailure, retryAfterSeconds } from "../security/failure-limit";
import { CLIENT_IP_HEADER } from "./auth";

export const SIGN_IN_PATH = "/api/auth/sign-in/email";
export const TOO_MANY_SIGN_IN_FAILURES = "Too many failed sign-in attempts: wait a minute and try again.";

async function accountOf(request: Request): Promise<string> {
  try {
    const body = (await request.clone().json()) as { email?: unknown };
    return typeof body.email === "string" ? body.email.trim().toLowerCase() : "";
  } catch {
    return "";
  }
}

export async function signInWithFailureLimit(request: Request, handle: (request: Request) => Promise<Response>): Promise<Response> {
  if (request.method !== "POST" || new URL(request.url).pathname !== SIGN_IN_PATH) return handle(request);
  const account = await accountOf(request);
  const response = await handle(request);
  if (response.status !== 401) return response;
  const limit = { max: runtime().signInRateLimit, windowMs: 60_000 };
  const verdict = recordCredentialFailure("sign-in", { address: request.headers.get(CLIENT_IP_HEADER) ?? "", credential: account }, limit);
  if (!verdict.isLimited) return response;
  return Response.json(
    { code: "TOO_MANY_SIGN_IN_FAILURES", message: TOO_MANY_SIGN_IN_FAILURES },
    { status: 429, headers: { "retry-after": retryAfterSeconds(verdict.retryAfterMs), "cache-control": "no-store" } },
  );
}
