// GET|POST /api/auth/* – better-auth's endpoints (sign-in, sign-out, session).
// Not wrapped in lib/http/route.ts: better-auth's own handler does its auth, parsing, errors and
// headers (cookies included) for the whole catch-all, and answers in its own format. Sign-in passes
// the failure limit around it (lib/auth/sign-in-limit.ts), which never refuses the right password.
import { auth } from "@/lib/auth/auth";
import { signInWithFailureLimit } from "@/lib/auth/sign-in-limit";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return auth().handler(request);
}

export function POST(request: Request) {
  return signInWithFailureLimit(request, (r) => auth().handler(r));
}
