import { describe, expect, it } from "vitest";
import { formatIp, parseCidr, parseIp } from "./ip-address";
import { canonicalHost, classifyIp, literalHostRefusal, NOTHING_ALLOWED, parseOutboundAllow, vetAddress, type TAddressKind } from "./outbound-address";

/** The verdict for a URL host typed in any notation, judged as the address it reaches. */
function kindOf(host: string): TAddressKind | "public" | "not an address" {
  const canonical = canonicalHost(host);
  const ip = canonical ? parseIp(canonical) : null;
  if (!ip) return "not an address";
  return classifyIp(ip) ?? "public";
}

describe("every notation of an address is judged as the address it reaches", () => {
  it.each<[string, ReturnType<typeof kindOf>]>([
    // IPv4 loopback in every notation a URL parser accepts
    ["127.0.0.1", "loopback"],
    ["2130706433", "loopback"],
    ["0177.0.0.1", "loopback"],
    ["0x7f.1", "loopback"],
    ["0x7f000001", "loopback"],
    ["127.1", "loopback"],
    ["127.000.000.001", "loopback"],
    ["127.0.0.1.", "loopback"],
    ["127.255.255.254", "loopback"],
    ["１２７.０.０.１", "loopback"],
    // unspecified and broadcast
    ["0", "unspecified"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["255.255.255.255", "broadcast"],
    ["4294967295", "broadcast"],
    // RFC 1918, CGNAT, link-local (cloud metadata)
    ["10.0.0.5", "private"],
    ["012.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["3232235777", "private"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["169.254.169.254", "link-local"],
    ["0xa9.0xfe.0xa9.0xfe", "link-local"],
    // multicast, reserved, documentation
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["198.18.0.1", "reserved"],
    ["192.0.0.8", "reserved"],
    ["192.0.2.1", "documentation"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.9", "documentation"],
    // IPv6, bracketed or not
    ["[::1]", "loopback"],
    ["::1", "loopback"],
    ["[0:0:0:0:0:0:0:1]", "loopback"],
    ["[::]", "unspecified"],
    ["[::ffff:127.0.0.1]", "loopback"],
    ["[::ffff:7f00:1]", "loopback"],
    ["[::ffff:10.0.0.1]", "private"],
    ["[::ffff:8.8.8.8]", "ipv4-mapped"],
    ["[::127.0.0.1]", "loopback"],
    ["[64:ff9b::7f00:1]", "loopback"],
    ["[2002:7f00:1::]", "loopback"],
    ["[fc00::1]", "private"],
    ["[fd12:3456::1]", "private"],
    ["[fe80::1]", "link-local"],
    ["[febf::1]", "link-local"],
    ["[fec0::1]", "private"],
    ["[ff02::1]", "multicast"],
    ["[2001:db8::1]", "documentation"],
    ["[2001::1]", "reserved"],
    ["[100::1]", "reserved"],
    ["[4000::1]", "reserved"],
    // public addresses, which are allowed
    ["8.8.8.8", "public"],
    ["134744072", "public"],
    ["1.1.1.1", "public"],
    ["100.128.0.1", "public"],
    ["172.32.0.1", "public"],
    ["192.169.0.1", "public"],
    ["223.255.255.255", "public"],
    ["[2606:4700:4700::1111]", "public"],
    ["[2001:4860:4860::8888]", "public"],
    ["[64:ff9b::808:808]", "public"],
    // names are judged when they are resolved, not here
    ["example.com", "not an address"],
    ["exämple.com", "not an address"],
    ["1.2.3.4.nip.io", "not an address"],
  ])("%s → %s", (host, expected) => {
    expect(kindOf(host)).toBe(expected);
  });
});

describe("parseIp and formatIp", () => {
  it("reads canonical forms only and writes RFC 5952", () => {
    expect(formatIp(parseIp("0:0:0:0:0:ffff:7f00:1")!)).toBe("::ffff:7f00:1");
    expect(formatIp(parseIp("fe80::1%eth0")!)).toBe("fe80::1");
    expect(formatIp(parseIp("2001:db8:0:0:1:0:0:1")!)).toBe("2001:db8::1:0:0:1");
    expect(parseIp("127.1")).toBeNull();
    expect(parseIp("01.2.3.4")).toBeNull();
    expect(parseIp("1::2::3")).toBeNull();
    expect(parseIp("1:2:3:4:5:6:7:8:9")).toBeNull();
    expect(parseCidr("10.0.0.0/33")).toBeNull();
  });
});

describe("OUTBOUND_ALLOW", () => {
  const { allow, invalid } = parseOutboundAllow(" Prometheus.Internal. , 10.0.0.0/8, 127.0.0.1, fd00::/8 ,,");

  it("reads names, addresses and ranges, and names what it cannot read", () => {
    expect(allow.hosts).toEqual(["prometheus.internal"]);
    expect(allow.cidrs).toHaveLength(3);
    expect(invalid).toEqual([]);
    expect(parseOutboundAllow("10.0.0.0/40, prom:9090, a b").invalid).toEqual(["10.0.0.0/40", "prom:9090", "a b"]);
  });

  it("lets an allowed range or name through, and nothing else", () => {
    expect(vetAddress("10.0.0.5", "10.0.0.5", allow)).toEqual({ isAllowed: true });
    expect(vetAddress("prometheus.internal", "192.168.0.9", allow)).toEqual({ isAllowed: true });
    expect(vetAddress("db.example", "::ffff:127.0.0.1", allow)).toEqual({ isAllowed: true });
    expect(vetAddress("192.168.0.9", "192.168.0.9", allow)).toMatchObject({ isAllowed: false, kind: "private" });
  });

  it("says what was refused and how to allow it", () => {
    expect(vetAddress("2130706433", "127.0.0.1", NOTHING_ALLOWED)).toEqual({
      isAllowed: false,
      kind: "loopback",
      reason: "refused: 127.0.0.1 is a loopback address (an admin can allow it with OUTBOUND_ALLOW)",
    });
    expect(vetAddress("rebind.example", "10.1.2.3", NOTHING_ALLOWED)).toMatchObject({
      reason: "refused: rebind.example resolves to 10.1.2.3, which is a private address (an admin can allow it with OUTBOUND_ALLOW)",
    });
    expect(vetAddress("example.com", "93.184.215.14", NOTHING_ALLOWED)).toEqual({ isAllowed: true });
  });
});

describe("literalHostRefusal (at save time)", () => {
  it.each([
    ["http://2130706433:5432/", "refused: 127.0.0.1 is a loopback address"],
    ["http://0x7f.1/", "refused: 127.0.0.1 is a loopback address"],
    ["http://[::ffff:7f00:1]:9090/", "refused: ::ffff:7f00:1 is a loopback address"],
    ["http://localhost.:3000/", "refused: localhost is a loopback address"],
    ["http://api.localhost/", "refused: api.localhost is a loopback address"],
    ["https://169.254.169.254/latest/meta-data", "refused: 169.254.169.254 is a link-local address"],
  ])("%s is refused", (url, reason) => {
    expect(literalHostRefusal(url, NOTHING_ALLOWED)).toContain(reason);
  });

  it("leaves names to send time, and allows what OUTBOUND_ALLOW allows", () => {
    expect(literalHostRefusal("https://hooks.slack.com/services/x", NOTHING_ALLOWED)).toBeNull();
    expect(literalHostRefusal("http://8.8.8.8/", NOTHING_ALLOWED)).toBeNull();
    expect(literalHostRefusal("http://10.0.0.5:9090", parseOutboundAllow("10.0.0.5").allow)).toBeNull();
    expect(literalHostRefusal("http://localhost:3000", parseOutboundAllow("localhost").allow)).toBeNull();
  });
});
