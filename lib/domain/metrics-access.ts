// Who may read GET /metrics. Off unless configured: METRICS_TOKEN (a bearer token Prometheus sends)
// and/or METRICS_ALLOW (addresses and ranges of the scrapers). When both are set a scrape needs
// both. The address is the TCP peer's, never a forwarded header: behind a proxy on the same host
// every request comes from the proxy, so there the token is what protects the endpoint.
import { inCidr, lastFourBytes, parseCidr, parseIp, type TCidr } from "./ip-address";

export type TMetricsAccessConfig = { token: string | null; allow: readonly TCidr[] | null };

export type TMetricsAccessVerdict =
  | { isAllowed: true }
  | { isAllowed: false; status: 401 | 403 | 404; code: "unauthenticated" | "forbidden" | "not_found"; message: string };

/** METRICS_ALLOW: "10.0.0.7, 192.168.0.0/16, fd00::/8" → ranges, or the entries it cannot read. */
export function parseMetricsAllow(text: string): { cidrs: TCidr[]; invalid: string[] } {
  const cidrs: TCidr[] = [];
  const invalid: string[] = [];
  for (const entry of text.split(",").map((e) => e.trim()).filter(Boolean)) {
    const cidr = parseCidr(entry);
    if (cidr) cidrs.push(cidr);
    else invalid.push(entry);
  }
  return { cidrs, invalid };
}

const MAPPED_V4 = parseCidr("::ffff:0:0/96")!;

/** Is the peer ("127.0.0.1", "::ffff:10.0.0.7", "::1") inside one of the ranges? */
export function isPeerAllowed(peer: string | undefined, allow: readonly TCidr[]): boolean {
  const ip = peer ? parseIp(peer) : null;
  if (!ip) return false;
  // A dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d: match it against IPv4 ranges too.
  const asV4 = ip.version === 6 && inCidr(ip, MAPPED_V4) ? lastFourBytes(ip) : ip;
  return allow.some((cidr) => inCidr(ip, cidr) || inCidr(asV4, cidr));
}

/** Compares without stopping at the first difference, so the time taken says nothing of the token. */
function isSameSecret(given: string, expected: string): boolean {
  let difference = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i += 1) difference |= (given.charCodeAt(i) || 0) ^ expected.charCodeAt(i);
  return difference === 0;
}

export function judgeMetricsAccess(config: TMetricsAccessConfig, request: { peer: string | undefined; authorization: string | undefined }): TMetricsAccessVerdict {
  if (config.token === null && config.allow === null) {
    return { isAllowed: false, status: 404, code: "not_found", message: "/metrics is off: set METRICS_TOKEN or METRICS_ALLOW to turn it on." };
  }
  if (config.allow !== null && !isPeerAllowed(request.peer, config.allow)) {
    return { isAllowed: false, status: 403, code: "forbidden", message: "This address is not in METRICS_ALLOW." };
  }
  if (config.token !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(request.authorization ?? "");
    if (!match || !isSameSecret(match[1], config.token)) {
      return { isAllowed: false, status: 401, code: "unauthenticated", message: "Send METRICS_TOKEN as a bearer token (Authorization: Bearer …)." };
    }
  }
  return { isAllowed: true };
}
