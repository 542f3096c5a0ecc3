// Who is on the other end of a request, and which host and scheme they asked for, when Warroom may
// sit behind proxies. X-Forwarded-For, -Host and -Proto are only believed when the TCP peer is one
// of TRUSTED_PROXIES, and X-Forwarded-For only as far back as the hops stay trusted: the first
// address (from the right) that is not a trusted proxy is the client. Anyone else's X-Forwarded-*
// headers are ignored, so a client cannot pick its own rate-limit bucket or claim another host.
// Pure (no node:net): addresses are parsed and compared as bytes.
import { formatIp, inCidr, lastFourBytes, parseCidr, parseIp, type TCidr, type TIp } from "./ip-address";

export type TTrustedProxies = readonly TCidr[];
export const NO_TRUSTED_PROXIES: TTrustedProxies = [];

/** A forwarded chain longer than this is cut (oldest hops first): no proxy path is this long. */
export const MAX_FORWARDED_HOPS = 32;

export type TForwardedHeaders = {
  host?: string | string[];
  forwardedFor?: string | string[];
  forwardedHost?: string | string[];
  forwardedProto?: string | string[];
};

export type TRequestView = {
  /** Canonical text ("203.0.113.7", "2001:db8::1"): the key every per-address limit counts under. */
  clientAddress: string;
  /** The host the client asked for (the trusted proxy's X-Forwarded-Host, else Host). */
  host: string | undefined;
  /** The scheme a trusted proxy says the client used; undefined when no trusted proxy said so. */
  proto: "http" | "https" | undefined;
  /** The request came through a trusted proxy (so its X-Forwarded-* headers were read). */
  isViaTrustedProxy: boolean;
};

/** "10.0.0.0/8, 192.168.1.10, fd00::/8" → ranges (a bare address is a range of one), and what could not be read. */
export function parseTrustedProxies(text: string): { proxies: TCidr[]; invalid: string[] } {
  const proxies: TCidr[] = [];
  const invalid: string[] = [];
  for (const entry of text.split(",").map((e) => e.trim()).filter(Boolean)) {
    const cidr = parseCidr(entry);
    if (cidr) proxies.push(cidr);
    else invalid.push(entry);
  }
  return { proxies, invalid };
}

/**
 * One address as proxies and Node write it: "203.0.113.7", "203.0.113.7:5123", "[2001:db8::1]:443",
 * "2001:db8::1", "::ffff:203.0.113.7" (an IPv4 client of a dual-stack socket: the IPv4 address).
 * Anything else ("unknown", a name, an obfuscated "_hidden") → null.
 */
export function parseHopAddress(text: string): TIp | null {
  let bare = text.trim();
  const withPort = /^(?:\[([^\]]+)\]|([\d.]+)):(\d{1,5})$/.exec(bare);
  const bracketed = /^\[([^\]]+)\]$/.exec(bare);
  if (withPort) {
    if (Number(withPort[3]) > 65535) return null;
    bare = (withPort[1] ?? withPort[2])!;
  } else if (bracketed) bare = bracketed[1]!;
  const ip = parseIp(bare);
  if (!ip) return null;
  return isIpv4Mapped(ip) ? lastFourBytes(ip) : ip;
}

function isIpv4Mapped(ip: TIp): boolean {
  return ip.version === 6 && ip.bytes.slice(0, 10).every((b) => b === 0) && ip.bytes[10] === 0xff && ip.bytes[11] === 0xff;
}

const isTrusted = (ip: TIp, trusted: TTrustedProxies) => trusted.some((cidr) => inCidr(ip, cidr));

/** Every value of a header that may repeat or be a comma-separated list, in order. */
function listValues(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(",")).map((v) => v.trim());
}

const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The nearest proxy's value (the last one): a proxy that appends rather than sets leaves the client's first. */
function nearest(value: string | string[] | undefined): string | undefined {
  return listValues(value).filter(Boolean).at(-1);
}

export function requestView(peer: string | undefined, headers: TForwardedHeaders, trusted: TTrustedProxies): TRequestView {
  const host = Array.isArray(headers.host) ? headers.host[0] : headers.host;
  const peerIp = peer === undefined ? null : parseHopAddress(peer);
  if (!peerIp) return { clientAddress: peer?.trim() || "unknown", host, proto: undefined, isViaTrustedProxy: false };
  if (!isTrusted(peerIp, trusted)) return { clientAddress: formatIp(peerIp), host, proto: undefined, isViaTrustedProxy: false };

  // Right to left: each trusted hop vouches for the address to its left; the first untrusted one is
  // the client. A hop that is not an address stops the walk at the last one we could vouch for.
  let client = peerIp;
  for (const hop of listValues(headers.forwardedFor).slice(-MAX_FORWARDED_HOPS).reverse()) {
    const ip = parseHopAddress(hop);
    if (!ip) break;
    client = ip;
    if (!isTrusted(ip, trusted)) break;
  }
  const forwardedHost = nearest(headers.forwardedHost);
  const forwardedProto = nearest(headers.forwardedProto)?.toLowerCase();
  return {
    clientAddress: formatIp(client),
    host: forwardedHost !== undefined && HOST.test(forwardedHost) ? forwardedHost : host,
    proto: forwardedProto === "http" || forwardedProto === "https" ? forwardedProto : undefined,
    isViaTrustedProxy: true,
  };
}
