// Which addresses Warroom may call out to. A webhook or data-source URL is typed by a lead or an
// admin, so without this rule it reaches whatever the server can: its own database port, the cloud
// metadata service, the office network. Everything that is not a public unicast address is refused
// unless an admin allowed it with OUTBOUND_ALLOW. Pure: the outbound module (lib/outbound) resolves
// names and connects; this file only decides.
import { formatIp, inCidr, lastFourBytes, parseCidr, parseIp, type TCidr, type TIp } from "./ip-address";

export type TAddressKind =
  | "loopback"
  | "private"
  | "link-local"
  | "shared"
  | "multicast"
  | "unspecified"
  | "broadcast"
  | "reserved"
  | "documentation"
  | "ipv4-mapped";

const KIND_WORDS: Record<TAddressKind, string> = {
  loopback: "a loopback address",
  private: "a private address",
  "link-local": "a link-local address",
  shared: "a carrier-grade NAT address (100.64.0.0/10)",
  multicast: "a multicast address",
  unspecified: "the unspecified address",
  broadcast: "the broadcast address",
  reserved: "a reserved address",
  documentation: "a documentation address",
  "ipv4-mapped": "an IPv4-mapped IPv6 address",
};

const range = (cidr: string, kind: TAddressKind) => ({ cidr: parseCidr(cidr)!, kind });

// First match wins, so the narrow ranges come before the wide ones that contain them.
const IPV4_RANGES = [
  range("0.0.0.0/8", "unspecified"),
  range("10.0.0.0/8", "private"),
  range("100.64.0.0/10", "shared"),
  range("127.0.0.0/8", "loopback"),
  range("169.254.0.0/16", "link-local"),
  range("172.16.0.0/12", "private"),
  range("192.0.0.0/24", "reserved"),
  range("192.0.2.0/24", "documentation"),
  range("192.88.99.0/24", "reserved"),
  range("192.168.0.0/16", "private"),
  range("198.18.0.0/15", "reserved"),
  range("198.51.100.0/24", "documentation"),
  range("203.0.113.0/24", "documentation"),
  range("224.0.0.0/4", "multicast"),
  range("255.255.255.255/32", "broadcast"),
  range("240.0.0.0/4", "reserved"),
];

const IPV6_RANGES = [
  range("::/128", "unspecified"),
  range("::1/128", "loopback"),
  range("100::/64", "reserved"),
  range("2001::/32", "reserved"),
  range("2001:db8::/32", "documentation"),
  range("3fff::/20", "documentation"),
  range("fc00::/7", "private"),
  range("fe80::/10", "link-local"),
  range("fec0::/10", "private"),
  range("ff00::/8", "multicast"),
];

/** IPv6 forms that carry an IPv4 address a connection may end up at. */
const MAPPED = parseCidr("::ffff:0:0/96")!;
const COMPATIBLE = parseCidr("::/96")!;
const NAT64 = parseCidr("64:ff9b::/96")!;
const SIX_TO_FOUR = parseCidr("2002::/16")!;
const GLOBAL_UNICAST = parseCidr("2000::/3")!;

/** Why an address is internal, or null for a public unicast address. */
export function classifyIp(ip: TIp): TAddressKind | null {
  if (ip.version === 4) return IPV4_RANGES.find((r) => inCidr(ip, r.cidr))?.kind ?? null;
  const own = IPV6_RANGES.find((r) => inCidr(ip, r.cidr))?.kind;
  if (own) return own;
  // The OS connects ::ffff:a.b.c.d to a.b.c.d: judge it by the IPv4 address, and refuse even a
  // public one, since no DNS name has a reason to resolve to this form.
  if (inCidr(ip, MAPPED) || inCidr(ip, COMPATIBLE)) return classifyIp(lastFourBytes(ip)) ?? "ipv4-mapped";
  if (inCidr(ip, NAT64)) return classifyIp(lastFourBytes(ip));
  if (inCidr(ip, SIX_TO_FOUR)) return classifyIp({ version: 4, bytes: ip.bytes.slice(2, 6) });
  return inCidr(ip, GLOBAL_UNICAST) ? null : "reserved";
}

export type TOutboundAllow = { hosts: readonly string[]; cidrs: readonly TCidr[] };
export const NOTHING_ALLOWED: TOutboundAllow = { hosts: [], cidrs: [] };

/**
 * A URL's host the way an HTTP client reads it: lower case, IDN as punycode, every IPv4 notation as a
 * dotted quad, IPv6 without brackets, no trailing dot. Null if no client would accept it.
 */
export function canonicalHost(host: string): string | null {
  try {
    const hostname = new URL(`http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}/`).hostname;
    const bare = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
    return bare.replace(/\.$/, "") || null;
  } catch {
    return null;
  }
}

/** OUTBOUND_ALLOW: "prometheus.internal, 10.0.0.0/8, fd00::/8" → hosts and ranges, or the entries it cannot read. */
export function parseOutboundAllow(text: string): { allow: TOutboundAllow; invalid: string[] } {
  const hosts: string[] = [];
  const cidrs: TCidr[] = [];
  const invalid: string[] = [];
  for (const entry of text.split(",").map((e) => e.trim()).filter(Boolean)) {
    const cidr = entry.includes("/") ? parseCidr(entry) : null;
    const host = entry.includes("/") ? null : canonicalHost(entry);
    const ip = host ? parseIp(host) : null;
    if (cidr) cidrs.push(cidr);
    else if (ip) cidrs.push({ ip, prefix: ip.bytes.length * 8 });
    else if (host && /^[a-z0-9.-]+$/.test(host)) hosts.push(host);
    else invalid.push(entry);
  }
  return { allow: { hosts, cidrs }, invalid };
}

function isAllowedIp(ip: TIp, allow: TOutboundAllow): boolean {
  const asV4 = ip.version === 6 && inCidr(ip, MAPPED) ? lastFourBytes(ip) : ip;
  return allow.cidrs.some((c) => inCidr(ip, c) || inCidr(asV4, c));
}

export type TAddressVerdict = { isAllowed: true } | { isAllowed: false; kind: TAddressKind; reason: string };

const HOW_TO_ALLOW = "an admin can allow it with OUTBOUND_ALLOW";

function refusal(kind: TAddressKind, address: string, host: string): TAddressVerdict {
  const subject = host === address ? address : `${host} resolves to ${address}, which`;
  return { isAllowed: false, kind, reason: `refused: ${subject} is ${KIND_WORDS[kind]} (${HOW_TO_ALLOW})` };
}

/** May a connection for `host` go to `address` (one of the addresses `host` resolved to)? */
export function vetAddress(host: string, address: string, allow: TOutboundAllow): TAddressVerdict {
  const name = canonicalHost(host) ?? host;
  if (allow.hosts.includes(name)) return { isAllowed: true };
  const ip = parseIp(address);
  if (!ip) return { isAllowed: false, kind: "reserved", reason: `refused: ${address} is not an IP address` };
  if (isAllowedIp(ip, allow)) return { isAllowed: true };
  const kind = classifyIp(ip);
  return kind ? refusal(kind, formatIp(ip), parseIp(name) ? formatIp(ip) : name) : { isAllowed: true };
}

/** localhost and *.localhost always mean this machine (RFC 6761), whatever a resolver says. */
export const isLocalhostName = (host: string) => host === "localhost" || host.endsWith(".localhost");

/**
 * At save time, before any DNS: a URL whose host is an address literal (in any notation) or
 * localhost is judged now; a name is judged at send time, since what it resolves to can change.
 * Returns the refusal, or null when the URL may be saved.
 */
export function literalHostRefusal(url: string, allow: TOutboundAllow): string | null {
  let host: string | null;
  try {
    host = canonicalHost(new URL(url).hostname);
  } catch {
    return null;
  }
  if (!host || allow.hosts.includes(host)) return null;
  if (isLocalhostName(host)) return `refused: ${host} is ${KIND_WORDS.loopback} (${HOW_TO_ALLOW})`;
  if (!parseIp(host)) return null;
  const verdict = vetAddress(host, host, allow);
  return verdict.isAllowed ? null : verdict.reason;
}
