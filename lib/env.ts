// Environment, parsed once with zod. Every module reads configuration from here, never from
// process.env directly, so a bad value stops start-up with one line naming the variable.
import { z } from "zod";
import { parseMetricsAllow } from "./domain/metrics-access";
import { NO_TRUSTED_PROXIES, parseTrustedProxies } from "./domain/forwarded";
import { NOTHING_ALLOWED, parseOutboundAllow } from "./domain/outbound-address";

const ZPort = z.coerce.number().int().min(0).max(65535);

export const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: ZPort.default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** PostgreSQL connection string. Unset: an embedded PostgreSQL is started under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  /**
   * Redis for Socket.IO between instances (the Redis streams adapter). Unset: the PostgreSQL adapter
   * on DATABASE_URL's database, which needs no extra service.
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .refine((value) => URL.canParse(value), "is not a valid URL")
    .optional(),
  /** Where the embedded database and generated secrets live. */
  DATA_DIR: z.string().min(1).default(".data"),
  /** Secret that signs session cookies (≥ 32 chars). Unset: one is generated into DATA_DIR. */
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** The public URL users open (used for cookie security and origin checks). */
  APP_URL: z.url().optional(),
  /** Failed sign-ins per client address (and per account) per minute before further failures are answered 429. */
  SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  /**
   * Proxies whose X-Forwarded-For, -Host and -Proto are believed ("10.0.0.0/8,192.168.1.10"). Unset:
   * none; the client address is the TCP peer and forwarded headers are ignored.
   */
  TRUSTED_PROXIES: z
    .string()
    .transform((text, ctx) => {
      const { proxies, invalid } = parseTrustedProxies(text);
      if (invalid.length) ctx.addIssue({ code: "custom", message: `has entries that are neither an address nor a CIDR range: ${invalid.join(", ")}` });
      return proxies;
    })
    .default(() => [...NO_TRUSTED_PROXIES]),
  /**
   * Internal hosts and ranges webhooks and data sources may call ("prometheus.internal,10.0.0.0/8").
   * Unset: only public addresses; loopback, private, link-local and the like are refused.
   */
  OUTBOUND_ALLOW: z
    .string()
    .transform((text, ctx) => {
      const { allow, invalid } = parseOutboundAllow(text);
      if (invalid.length) ctx.addIssue({ code: "custom", message: `has entries that are neither a host name, an address nor a CIDR range: ${invalid.join(", ")}` });
      return allow;
    })
    .default(NOTHING_ALLOWED),
  /** Socket commands per second per socket (lib/security/limits.ts; a user's sockets together get twice as many). */
  SOCKET_COMMAND_RATE: z.coerce.number().int().min(1).max(100_000).optional(),
  /** Socket commands awaiting an answer per socket (a user's sockets together get twice as many). */
  SOCKET_COMMANDS_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).optional(),
  /** Joins that replay missed events, per socket per minute (the war room's and status links'). */
  SOCKET_REPLAYS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /** HTTP requests per API key or metric token per minute. */
  API_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000_000).optional(),
  /** Metric samples accepted per run and metric per minute. */
  METRIC_SAMPLE_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000_000).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** json: one JSON object per line; pretty: `[warroom] message`. Unset: pretty on a terminal, else json. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  /** Bearer token Prometheus sends to GET /metrics. With neither it nor METRICS_ALLOW, /metrics is off. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** Addresses and CIDR ranges (of the TCP peer) allowed to read GET /metrics. */
  METRICS_ALLOW: z
    .string()
    .transform((text, ctx) => {
      const { cidrs, invalid } = parseMetricsAllow(text);
      if (invalid.length) ctx.addIssue({ code: "custom", message: `has entries that are neither an address nor a CIDR range: ${invalid.join(", ")}` });
      return cidrs;
    })
    .optional(),
  /**
   * Headless bootstrap (containers, CI): on a database with no users, the first admin is created at
   * start from these; the password from WARROOM_ADMIN_PASSWORD or the file WARROOM_ADMIN_PASSWORD_FILE.
   * Ignored once anyone exists. Never logged.
   */
  WARROOM_ADMIN_EMAIL: z.email("must be an email address").optional(),
  WARROOM_ADMIN_PASSWORD: z.string().optional(),
  WARROOM_ADMIN_PASSWORD_FILE: z.string().optional(),
  WARROOM_ADMIN_NAME: z.string().trim().min(1).max(100).default("Admin"),
}).superRefine((env, ctx) => {
  const passwords = [env.WARROOM_ADMIN_PASSWORD, env.WARROOM_ADMIN_PASSWORD_FILE].filter((v) => v !== undefined).length;
  if (env.WARROOM_ADMIN_EMAIL && passwords !== 1) {
    ctx.addIssue({ code: "custom", path: ["WARROOM_ADMIN_PASSWORD"], message: "(or WARROOM_ADMIN_PASSWORD_FILE, one of them) is needed with WARROOM_ADMIN_EMAIL" });
  }
  if (!env.WARROOM_ADMIN_EMAIL && passwords > 0) ctx.addIssue({ code: "custom", path: ["WARROOM_ADMIN_EMAIL"], message: "is needed with WARROOM_ADMIN_PASSWORD(_FILE)" });
});
export type TEnv = z.infer<typeof ZEnv>;

export class EnvError extends Error {}

/** Parse the environment; throws EnvError whose message is one line naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): TEnv {
  // Treat empty strings as unset: `DATABASE_URL= npm start` means "no database URL".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = ZEnv.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
  throw new EnvError(`Invalid environment: ${problems.join("; ")}`);
}

let cached: TEnv | undefined;
export function env(): TEnv {
  cached ??= parseEnv();
  return cached;
}
