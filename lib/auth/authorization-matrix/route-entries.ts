// The matrix's route handlers (app/api/**/route.ts): the permission each needs and how to make a
// valid call.
import { db } from "../../db/client";
import { freshCookie } from "./arrange";
import { API_V1_ENTRIES } from "./api-v1-entries";
import { isAccount, refusedWith, routeCall, type TEntry } from "./calls";

export const ROUTE_ENTRIES: Record<string, TEntry> = Object.fromEntries<TEntry>([
  [
    "route GET /api/health",
    { permission: "anyone", isMutation: false, prepare: async () => null, call: routeCall("app/api/health/route.ts", "GET", () => "/api/health", () => ({})) },
  ],
  [
    "route GET /api/runs/[id]",
    {
      permission: "runs.read",
      isMutation: false,
      prepare: async () => null,
      call: routeCall("app/api/runs/[id]/route.ts", "GET", (c) => `/api/runs/${c.run.id}`, (c) => ({ id: c.run.id })),
    },
  ],
  [
    "route GET /api/runs/[id]/timeline",
    {
      permission: "runs.read",
      isMutation: false,
      prepare: async () => null,
      call: routeCall("app/api/runs/[id]/timeline/route.ts", "GET", (c) => `/api/runs/${c.run.id}/timeline?before=2`, (c) => ({ id: c.run.id })),
    },
  ],
  [
    "route GET /api/runs/[id]/record",
    {
      permission: "runs.read",
      isMutation: false,
      prepare: async () => null,
      call: routeCall("app/api/runs/[id]/record/route.ts", "GET", (c) => `/api/runs/${c.run.id}/record?format=json`, (c) => ({ id: c.run.id })),
    },
  ],
  [
    "route GET /api/runs/[id]/metrics",
    {
      permission: "runs.read",
      isMutation: false,
      prepare: async () => null,
      call: routeCall("app/api/runs/[id]/metrics/route.ts", "GET", (c) => `/api/runs/${c.run.id}/metrics`, (c) => ({ id: c.run.id })),
    },
  ],
  [
    "route POST /api/runs/[id]/metrics",
    {
      permission: "metrics.ingest",
      rule: "only the token of that very run, or a workspace key with metrics:write",
      acceptsApiKey: true,
      isMutation: true,
      prepare: async () => ({ metric: "error_rate", value: 0.4, timestamp: new Date().toISOString() }),
      call: routeCall("app/api/runs/[id]/metrics/route.ts", "POST", (c) => `/api/runs/${c.run.id}/metrics`, (c) => ({ id: c.run.id }), (_c, input) => JSON.stringify(input)),
    },
  ],
  ...API_V1_ENTRIES,
  // better-auth's endpoints act on the caller's own session: signing out deletes it; without one there
  // is nothing to do. (Sign-in needs no credential and is rate-limited: e2e/rate-limit.spec.ts.)
  [
    "route POST /api/auth/[...all]",
    {
      permission: "own session",
      isMutation: true,
      // A session of its own to end (the shared ones stay for the other cases).
      prepare: async (c) => (isAccount(c.caller) ? freshCookie(c.caller) : null),
      call: async (c, cookie) => {
        const own = typeof cookie === "string" ? { ...c, cookie } : c;
        const before = await db().session.count();
        const outcome = await routeCall("app/api/auth/[...all]/route.ts", "POST", () => "/api/auth/sign-out", () => ({ all: ["sign-out"] }), () => "{}")(own, null);
        if (!outcome.ok) return outcome;
        // Without a session better-auth answers 200 and ends nothing: for this matrix, nothing was allowed.
        return (await db().session.count()) < before ? { ok: true } : refusedWith("unauthenticated");
      },
    },
  ],
  [
    "route GET /api/auth/[...all]",
    {
      permission: "anyone",
      rule: "reads the caller's own session",
      isMutation: false,
      prepare: async () => null,
      call: routeCall("app/api/auth/[...all]/route.ts", "GET", () => "/api/auth/get-session", () => ({ all: ["get-session"] })),
    },
  ],
]);
