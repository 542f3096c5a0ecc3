// The fuzz test's inputs (e2e/process/fuzz.int.test.ts runs them): hostile values, socket payloads
// built from them field by field, and HTTP requests to every route handler, every page that takes a
// parameter and the server-action endpoint. One seeded generator makes them all, in the order the
// runner asks, so a failure reproduces.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Deterministic, so a failure reproduces. */
function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const random = rng(0x5741_5252);
export const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

export const nested = (depth: number): unknown => (depth === 0 ? "bottom" : { a: nested(depth - 1) });
const deepArray = (depth: number): unknown => (depth === 0 ? [] : [deepArray(depth - 1)]);

export const HOSTILE: readonly unknown[] = [
  null, true, false, 0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 2, 1e-320,
  "", " ", "a", "0", "-1", "true", "null", "undefined", "NaN", "Infinity",
  "x".repeat(10_000), "é".repeat(5_000), "😀".repeat(3_000),
  "\u0000", "a\u0000b", "\ud800", "\udfff", "\u202egnp.exe", "\u200b\u200b", "\ufeff", "Ω≈ç√∫˜µ≤≥÷", "ｔｅｓｔ", "ﷺ", "𝕿𝖊𝖘𝖙",
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "\"><svg/onload=alert(1)>",
  "' OR '1'='1", "'; DROP TABLE \"Run\"; --", "1; SELECT pg_sleep(10); --", "$1", "\\", "%", "_%", "\\x00",
  "../../../../etc/passwd", "%2e%2e%2f%2e%2e%2f", "${7*7}", "{{7*7}}", "#{7*7}", "%s%s%s%n", "a\r\nSet-Cookie: evil=1",
  "2026-13-45T99:99:99Z", "0000-00-00", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
  [], [null], [1, 2, 3], ["a", "b"], Array.from({ length: 5_000 }, (_, i) => i),
  {}, { a: 1 }, JSON.parse('{"__proto__": {"polluted": true}}'), { constructor: { prototype: { polluted: true } } },
  nested(60), deepArray(500), Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, i])),
];

/** Field names the commands use (and some they do not), each set to hostile values in turn. */
export const FIELDS = [
  "runId", "itemId", "sectionId", "pollId", "alertId", "tokenId", "ruleId", "walkId", "announcementId", "webhookId",
  "userId", "linkId", "version", "action", "to", "reason", "note", "questions", "positions", "position", "answers",
  "fromPercent", "label", "metric", "threshold", "window", "severity", "comparator", "decision", "name", "key",
  "unit", "kind", "commandId", "afterSeq", "view", "plannedStart", "stage", "isEnabled", "url", "format",
  "templateKey", "title", "body", "nodeId", "choice", "__proto__", "constructor",
];

/** Hostile inputs for one socket event: whole-payload garbage, then one field at a time on a plausible base. */
export function socketInputs(runId: string, otherRunId: string, count: number): unknown[] {
  const inputs: unknown[] = [undefined, ...HOSTILE];
  const base = () => ({ runId, commandId: `fuzz-${Math.floor(random() * 1e12)}` });
  inputs.push({ ...base(), runId: otherRunId }, { ...base(), extra: "<b>x</b>", another: { deep: nested(5) } }, { commandId: "x" });
  while (inputs.length < count) {
    const input: Record<string, unknown> = base();
    const fields = 1 + Math.floor(random() * 3);
    for (let i = 0; i < fields; i++) input[pick(FIELDS)] = pick(HOSTILE);
    if (random() < 0.1) delete input.runId;
    inputs.push(input);
  }
  return inputs;
}

/** A query-string value of anything, lone surrogates included (sent as the raw bytes they would be). */
function query(value: unknown): string {
  try {
    return encodeURIComponent(typeof value === "string" ? value : JSON.stringify(value) ?? "");
  } catch {
    return "%ED%A0%80";
  }
}

export type THttpCase = { method: string; path: string; headers: Record<string, string>; body?: string | Uint8Array };

/** Who the requests come as and what they aim at (the fuzz run's own run, sessions and tokens). */
export type TFuzzTargets = { baseUrl: string; runId: string; adminCookie: string; metricToken: string };

export function httpCases(routes: { method: string; route: string }[], { baseUrl, runId, adminCookie, metricToken }: TFuzzTargets): THttpCase[] {
  const cases: THttpCase[] = [];
  const ids = [runId, "x".repeat(5_000), "a%00b", "..%2f..%2f", "%ff%fe", "' OR 1=1 --<script>%F0%9F%98%80%E2%80%AE"];
  const credentials: Record<string, string>[] = [
    { cookie: adminCookie },
    { authorization: `Bearer ${metricToken}` },
    { authorization: `Bearer ${"x".repeat(4_000)}`, cookie: "better-auth.session_token=forged.signature; x=<script>" },
    {},
  ];
  const bodies: { type?: string; body: string | Uint8Array }[] = [
    ...HOSTILE.map((v) => ({ type: "application/json", body: JSON.stringify(v) ?? "" })),
    { type: "application/json", body: "{" },
    { type: "application/json", body: '{"samples": [' },
    { type: "application/json", body: "\u0000\u0001\u0002" },
    { type: "application/json", body: '{"metric":"error_rate","value":"1e999","timestamp":"now"}' },
    { type: "application/json", body: JSON.stringify({ samples: Array.from({ length: 1_500 }, () => ({ metric: "error_rate", value: -1, timestamp: 0 })) }) },
    { type: "text/plain", body: "<script>alert(1)</script>" },
    { type: "application/x-www-form-urlencoded", body: "a=1&a=2&__proto__[x]=1" },
    { type: "multipart/form-data; boundary=zzz", body: "--zzz\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--zzz--" },
    { type: "application/json", body: new Uint8Array(600 * 1024).fill(0x61) },
    { type: "application/json", body: new Uint8Array(2 * 1024 * 1024).fill(0x7b) },
  ];
  for (const { method, route } of routes) {
    for (const id of ids) {
      // A catch-all segment (better-auth's) gets its real endpoints as well as garbage.
      const target = route.replace(/\[\.\.\.\w+\]/, pick(["sign-in/email", "get-session", "update-user", "list-sessions", id])).replace(/\[\w+\]/g, id);
      for (const headers of credentials) {
        if (method === "GET") {
          cases.push({ method, path: `${target}?format=${query(pick(HOSTILE))}&x=${query("<script>")}`, headers });
          continue;
        }
        for (let i = 0; i < 3; i++) {
          const body = pick(bodies);
          cases.push({ method, path: target, headers: { ...headers, ...(body.type ? { "content-type": body.type } : {}) }, body: body.body });
        }
      }
    }
  }
  // Pages that take a parameter, with and without a session.
  for (const id of ids) {
    for (const page of [`/status/${id}`, `/runs/${id}`, `/runs/${id}/bridge`, `/runs/${id}/share`, `/runs/${id}/record`, `/templates/${id}/edit`, `/sign-in?next=${id}`]) {
      for (const headers of [{ cookie: adminCookie }, {}] as Record<string, string>[]) cases.push({ method: "GET", path: page, headers });
    }
  }
  // Every real server action (by its id in this build's manifest), with hostile arguments encoded
  // the way a browser's client would send them.
  for (const action of serverActions()) {
    for (let i = 0; i < 10; i++) {
      const args = Array.from({ length: 1 + (i % 3) }, () => pick(HOSTILE));
      cases.push({
        method: "POST",
        path: action.page.replace(/\[\w+\]/g, runId),
        headers: { cookie: adminCookie, "next-action": action.id, origin: baseUrl, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
        body: encodeActionArgs(args),
      });
    }
  }
  // The server-action endpoint: unknown and malformed action ids with hostile bodies.
  for (let i = 0; i < 60; i++) {
    const body = pick(bodies);
    cases.push({
      method: "POST",
      path: pick(["/", "/runs/new", "/admin/users", `/runs/${runId}/share`]),
      headers: { cookie: adminCookie, "next-action": pick(["", "x", "0".repeat(42), "<script>", "a".repeat(5_000)]), origin: baseUrl, ...(body.type ? { "content-type": body.type } : {}) },
      body: body.body,
    });
  }
  return cases;
}

/**
 * Arguments as React's client encodes a server action call: JSON, with strings that start with "$"
 * escaped ("$" marks references in the reply format).
 */
function encodeActionArgs(args: unknown[]): string {
  return JSON.stringify(args, (_key, value: unknown) => (typeof value === "string" && value.startsWith("$") ? `$${value}` : value));
}

/** This build's server actions and a page each is served from (Next's manifest). */
function serverActions(): { id: string; page: string }[] {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0] ?? "app/page";
    const page = worker.replace(/^app/, "").replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
    return { id, page };
  });
}

export function discoverRoutes(): { method: string; route: string }[] {
  const files = readdirSync(path.resolve("app/api"), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === "route.ts")
    .map((e) => path.join(e.parentPath, e.name));
  return files.flatMap((file) => {
    const text = readFileSync(file, "utf8");
    const route = "/" + path.relative(path.resolve("app"), path.dirname(file));
    // Handlers are exported as functions (better-auth's) or as consts made by lib/http/route.ts.
    return ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => new RegExp(`export ((async )?function|const) ${m}\\b`).test(text)).map((method) => ({ method, route }));
  });
}
