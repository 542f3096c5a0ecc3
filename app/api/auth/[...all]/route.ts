// GET|POST /api/auth/* – better-auth's endpoints (sign-in, sign-out, session).
import { auth } from "@/lib/auth/auth";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return auth().handler(request);
}

export function POST(request: Request) {
  return auth().handler(request);
}
