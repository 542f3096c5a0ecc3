// The one way Warroom calls out over HTTP (webhooks, data sources, and any notification to come).
// Resolve the name once, refuse every address that is not public unless OUTBOUND_ALLOW allows it,
// then connect to exactly the address that was checked: the socket gets it through `lookup`, so a
// second DNS answer (rebinding) can never swap it, while the Host header and TLS SNI keep the name.
// No redirects are followed (each hop would need the same checks, and would carry credentials
// elsewhere), every call has a deadline and a cap on what it reads.
import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { parseIp } from "../domain/ip-address";
import { canonicalHost, isLocalhostName, vetAddress, type TOutboundAllow } from "../domain/outbound-address";
import { env } from "../env";
import { classifySocketError, failure, TIMED_OUT, type TOutboundFailure } from "./failure";

export type TResolvedAddress = { address: string; family: number };
/** Every address a name has, as the operating system's resolver sees it (tests inject their own). */
export type TResolver = (hostname: string) => Promise<TResolvedAddress[]>;

export type TOutboundConfig = { allow: TOutboundAllow; resolve: TResolver };

export type TOutboundRequest = {
  url: string | URL;
  method: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Read at most this much of the answer; more is a failure ("response too large"). */
  maxResponseBytes?: number;
  /** Webhooks need only the status: the body is never read, so it can never be kept. */
  isBodyIgnored?: boolean;
  /**
   * Reuse connections to the same vetted address (a data source queried every few seconds). Pools
   * are per checked address, so a reused connection still goes exactly where the check allowed.
   */
  isKeptAlive?: boolean;
  signal?: AbortSignal;
};

/** What is kept of an answer: its status, content type, Retry-After (rate limits say when to come back) and, when asked for, its body. */
export type TOutboundResponse = { ok: true; status: number; contentType: string | null; retryAfter: string | null; body: Buffer };
export type TOutboundResult = TOutboundResponse | TOutboundFailure;

export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

const systemResolver: TResolver = async (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

// On globalThis: server.ts and Next's bundles load this module separately but must share one config.
const holder = globalThis as typeof globalThis & { __warroomOutbound?: Partial<TOutboundConfig> };

function config(): TOutboundConfig {
  const overrides = holder.__warroomOutbound ?? {};
  return { allow: overrides.allow ?? env().OUTBOUND_ALLOW, resolve: overrides.resolve ?? systemResolver };
}

/** What OUTBOUND_ALLOW allows (or a test's override of it). */
export function outboundAllow(): TOutboundAllow {
  return config().allow;
}

/** Tests swap the allow list or the resolver; returns how to put the previous ones back. */
export function configureOutbound(overrides: Partial<TOutboundConfig>): () => void {
  const previous = holder.__warroomOutbound;
  holder.__warroomOutbound = { ...previous, ...overrides };
  return () => {
    holder.__warroomOutbound = previous;
  };
}

/** The address to connect to for this host, or why not. Names are resolved once, here. */
async function vetHost(hostname: string, cfg: TOutboundConfig): Promise<TResolvedAddress | TOutboundFailure> {
  const host = canonicalHost(hostname);
  if (!host) return failure("refused", `refused: ${hostname} is not a valid host`);
  const literal = parseIp(host);
  let addresses: TResolvedAddress[];
  if (literal) addresses = [{ address: host, family: literal.version }];
  else if (isLocalhostName(host) && !cfg.allow.hosts.includes(host)) addresses = [{ address: "127.0.0.1", family: 4 }];
  else {
    try {
      addresses = await cfg.resolve(host);
    } catch (error) {
      return classifySocketError(error);
    }
    if (addresses.length === 0) return failure("dns", "DNS lookup failed: no such host");
  }
  // Every address must pass: a name that also resolves inside is refused, not tried until one works.
  for (const { address } of addresses) {
    const verdict = vetAddress(host, address, cfg.allow);
    if (!verdict.isAllowed) return failure("refused", verdict.reason);
  }
  return addresses[0]!;
}

/** A `lookup` that always answers with the vetted address, in both shapes node:net asks for. */
function pinnedLookup(vetted: TResolvedAddress): LookupFunction {
  return ((_hostname, options, callback) => {
    if (options.all) callback(null, [vetted]);
    else callback(null, vetted.address, vetted.family);
  }) as LookupFunction;
}

function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer | TOutboundFailure> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        response.destroy();
        resolve(failure("too_large", `response too large (over ${Math.round(maxBytes / 1024)} KiB)`));
      } else chunks.push(chunk);
    });
    response.on("end", () => resolve(Buffer.concat(chunks)));
    response.on("error", (error) => resolve(classifySocketError(error)));
  });
}

/** Idle pooled connections close after this long: a data source asked every 10 s keeps one warm. */
const IDLE_CONNECTION_MS = 30_000;
const MAX_POOLED_SOCKETS = 16;
const pools = globalThis as typeof globalThis & { __warroomOutboundPools?: Map<string, HttpAgent> };

/** One keep-alive agent per protocol, vetted address, port and name: its sockets only ever reach that address. */
function pooledAgent(protocol: string, vetted: TResolvedAddress, port: string, name: string): HttpAgent {
  const key = `${protocol}//${vetted.address}|${port}|${name}`;
  const all = (pools.__warroomOutboundPools ??= new Map());
  let agent = all.get(key);
  if (!agent) {
    const options = { keepAlive: true, maxSockets: MAX_POOLED_SOCKETS, maxFreeSockets: MAX_POOLED_SOCKETS, timeout: IDLE_CONNECTION_MS };
    agent = protocol === "https:" ? new HttpsAgent(options) : new HttpAgent(options);
    all.set(key, agent);
  }
  return agent;
}

/** Send one request under the outbound rules. Never throws for anything the other side does. */
export async function outboundRequest(request: TOutboundRequest): Promise<TOutboundResult> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return failure("refused", "refused: not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return failure("refused", `refused: ${url.protocol} is not http or https`);
  if (request.signal?.aborted) return failure("cancelled", "cancelled");
  // The deadline covers the DNS lookup too: a resolver that hangs must not hold a delivery forever.
  const startedAt = Date.now();
  let lookupTimer: NodeJS.Timeout | undefined;
  const vetted = await Promise.race([
    vetHost(url.hostname, config()),
    new Promise<TOutboundFailure>((resolve) => (lookupTimer = setTimeout(() => resolve(TIMED_OUT(request.timeoutMs)), request.timeoutMs))),
  ]).finally(() => clearTimeout(lookupTimer));
  if ("kind" in vetted) return vetted;

  const name = canonicalHost(url.hostname)!;
  const options: RequestOptions & { servername?: string } = {
    method: request.method,
    // The name, not the address: the socket still goes to `vetted` through the pinned lookup.
    hostname: name,
    port: url.port || undefined,
    path: `${url.pathname}${url.search}`,
    headers: { "user-agent": "Warroom/1", ...request.headers, host: url.host },
    lookup: pinnedLookup(vetted),
    agent: request.isKeptAlive ? pooledAgent(url.protocol, vetted, url.port, name) : false,
    ...(url.protocol === "https:" && !parseIp(name) ? { servername: name } : {}),
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;

  return new Promise<TOutboundResult>((resolve) => {
    let isSettled = false;
    const settle = (result: TOutboundResult) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(deadline);
      request.signal?.removeEventListener("abort", onAbort);
      resolve(result);
    };
    const req = send(options, (response) => {
      const status = response.statusCode ?? 0;
      const contentType = response.headers["content-type"] ?? null;
      const retryAfter = response.headers["retry-after"] ?? null;
      if (request.isBodyIgnored) {
        response.destroy();
        return settle({ ok: true, status, contentType, retryAfter, body: Buffer.alloc(0) });
      }
      void readBody(response, request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES).then((body) =>
        settle(Buffer.isBuffer(body) ? { ok: true, status, contentType, retryAfter, body } : body),
      );
    });
    const deadline = setTimeout(() => {
      settle(TIMED_OUT(request.timeoutMs));
      req.destroy();
    }, Math.max(0, request.timeoutMs - (Date.now() - startedAt)));
    const onAbort = () => {
      settle(failure("cancelled", "cancelled"));
      req.destroy();
    };
    request.signal?.addEventListener("abort", onAbort, { once: true });
    req.on("error", (error) => settle(classifySocketError(error)));
    req.end(request.body);
  });
}
