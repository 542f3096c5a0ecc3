// IP addresses as bytes, and CIDR ranges over them. Pure and browser-safe (no node:net), so the
// outbound rules can be checked anywhere. Only canonical text is parsed here: dotted-quad IPv4 and
// RFC 4291 IPv6. The odd IPv4 notations (2130706433, 0177.0.0.1, 0x7f.1, 127.1) are first made
// canonical by the WHATWG URL parser, exactly as an HTTP client would read them (outbound-address.ts).

export type TIp = { version: 4 | 6; bytes: readonly number[] };
export type TCidr = { ip: TIp; prefix: number };

const DECIMAL_OCTET = /^(0|[1-9]\d{0,2})$/;

function parseIpv4(text: string): TIp | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => DECIMAL_OCTET.test(p))) return null;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? { version: 4, bytes } : null;
}

function parseIpv6(text: string): TIp | null {
  // A zone ("fe80::1%eth0") names the interface, not the address: classify without it.
  const address = text.replace(/%[^%]*$/, "");
  if (!/^[0-9a-fA-F:.]+$/.test(address) || address.split("::").length > 2) return null;
  const groups: number[] = [];
  const toGroups = (side: string): number[] | null => {
    if (side === "") return [];
    const out: number[] = [];
    const pieces = side.split(":");
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes(".")) {
        const v4 = parseIpv4(piece);
        if (!v4) return null;
        out.push((v4.bytes[0]! << 8) | v4.bytes[1]!, (v4.bytes[2]! << 8) | v4.bytes[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) out.push(parseInt(piece, 16));
      else return null;
    }
    return out;
  };
  const [head, tail] = address.split("::");
  const left = toGroups(head!);
  const right = tail === undefined ? [] : toGroups(tail);
  if (!left || !right) return null;
  if (tail === undefined) {
    if (left.length !== 8) return null;
    groups.push(...left);
  } else {
    const missing = 8 - left.length - right.length;
    if (missing < 1) return null;
    groups.push(...left, ...new Array<number>(missing).fill(0), ...right);
  }
  return { version: 6, bytes: groups.flatMap((g) => [g >> 8, g & 0xff]) };
}

/** "10.0.0.5", "::1", "[fe80::1]", "fe80::1%eth0" → bytes; anything else (a name, an odd notation) → null. */
export function parseIp(text: string): TIp | null {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return bare.includes(":") ? parseIpv6(bare) : parseIpv4(bare);
}

/** Dotted quad, or IPv6 with its longest run of zero groups as "::" (RFC 5952). */
export function formatIp(ip: TIp): string {
  if (ip.version === 4) return ip.bytes.join(".");
  const groups = Array.from({ length: 8 }, (_, i) => (ip.bytes[2 * i]! << 8) | ip.bytes[2 * i + 1]!);
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > best.length && j - i > 1) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}

/** "10.0.0.0/8", "fc00::/7", or a bare address (a range of one). */
export function parseCidr(text: string): TCidr | null {
  const [address, prefixText, extra] = text.trim().split("/");
  if (extra !== undefined || !address) return null;
  const ip = parseIp(address);
  if (!ip) return null;
  const max = ip.bytes.length * 8;
  if (prefixText === undefined) return { ip, prefix: max };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return null;
  return { ip, prefix: Number(prefixText) };
}

export function inCidr(ip: TIp, cidr: TCidr): boolean {
  if (ip.version !== cidr.ip.version) return false;
  for (let bit = 0; bit < cidr.prefix; bit += 8) {
    const mask = cidr.prefix - bit >= 8 ? 0xff : (0xff << (8 - (cidr.prefix - bit))) & 0xff;
    const index = bit / 8;
    if ((ip.bytes[index]! & mask) !== (cidr.ip.bytes[index]! & mask)) return false;
  }
  return true;
}

/** The IPv4 address an IPv6 one carries in its last 32 bits (for mapped, compatible and NAT64 forms). */
export function lastFourBytes(ip: TIp): TIp {
  return { version: 4, bytes: ip.bytes.slice(-4) };
}
