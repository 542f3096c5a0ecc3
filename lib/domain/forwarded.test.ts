import { describe, expect, it } from "vitest";
import { NO_TRUSTED_PROXIES, parseHopAddress, parseTrustedProxies, requestView, type TForwardedHeaders } from "./forwarded";
import { formatIp } from "./ip-address";

const PROXIES = parseTrustedProxies("10.0.0.0/8, 192.168.1.10, fd00::/8").proxies;

describe("parseTrustedProxies", () => {
  it("reads ranges and bare addresses, and names what it cannot read", () => {
    const { proxies, invalid } = parseTrustedProxies(" 10.0.0.0/8,192.168.1.10 , fd00::/8,, proxy.internal, 10.0.0.0/33, 1.2.3.4/");
    expect(proxies.map((p) => `${formatIp(p.ip)}/${p.prefix}`)).toEqual(["10.0.0.0/8", "192.168.1.10/32", "fd00::/8"]);
    expect(invalid).toEqual(["proxy.internal", "10.0.0.0/33", "1.2.3.4/"]);
  });

  it("an empty setting trusts nobody", () => {
    expect(parseTrustedProxies("")).toEqual({ proxies: [], invalid: [] });
  });
});

describe("parseHopAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:5123", "203.0.113.7"],
    ["2001:db8::1", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::ffff:cb00:7107", "203.0.113.7"],
    ["[::ffff:10.1.2.3]:80", "10.1.2.3"],
    ["fe80::1%eth0", "fe80::1"],
    ["::1", "::1"],
  ])("%s → %s", (text, expected) => {
    const ip = parseHopAddress(text);
    expect(ip && formatIp(ip)).toBe(expected);
  });

  it.each([["unknown"], ["_hidden"], ["proxy.example.com"], [""], ["203.0.113"], ["2130706433"], ["0x7f.0.0.1"], ["999.1.1.1"], ["1.2.3.4:99999"], ["[1.2.3.4"], ["1.2.3.4, 5.6.7.8"]])(
    "%j is not an address",
    (text) => {
      expect(parseHopAddress(text)).toBeNull();
    },
  );
});

type TCase = [label: string, peer: string | undefined, headers: TForwardedHeaders, expected: { client: string; host?: string; proto?: "http" | "https"; via: boolean }];

describe("requestView", () => {
  it.each<TCase>([
    ["a direct client: its own address", "203.0.113.7", { host: "warroom.example.com" }, { client: "203.0.113.7", host: "warroom.example.com", via: false }],
    ["a direct client's X-Forwarded-For is ignored", "203.0.113.7", { forwardedFor: "1.1.1.1" }, { client: "203.0.113.7", via: false }],
    ["a direct client's X-Forwarded-Host and -Proto are ignored", "203.0.113.7", { host: "warroom.example.com", forwardedHost: "evil.example", forwardedProto: "https" }, { client: "203.0.113.7", host: "warroom.example.com", via: false }],
    ["an IPv4 client on a dual-stack socket", "::ffff:203.0.113.7", {}, { client: "203.0.113.7", via: false }],
    ["the dual-stack form of a trusted proxy is trusted", "::ffff:10.0.0.2", { forwardedFor: "198.51.100.4" }, { client: "198.51.100.4", via: true }],
    ["one trusted proxy: the address it appended", "10.0.0.2", { forwardedFor: "198.51.100.4" }, { client: "198.51.100.4", via: true }],
    ["a client's forged entries to the left are never reached", "10.0.0.2", { forwardedFor: "6.6.6.6, 198.51.100.4" }, { client: "198.51.100.4", via: true }],
    ["two trusted hops", "10.0.0.2", { forwardedFor: "198.51.100.4, 192.168.1.10" }, { client: "198.51.100.4", via: true }],
    ["a forged hop after an untrusted one is not believed", "10.0.0.2", { forwardedFor: "198.51.100.4, 6.6.6.6" }, { client: "6.6.6.6", via: true }],
    ["every hop trusted: the leftmost", "10.0.0.2", { forwardedFor: "10.9.9.9, 10.1.1.1" }, { client: "10.9.9.9", via: true }],
    ["a trusted proxy that sent no X-Forwarded-For: the proxy", "10.0.0.2", {}, { client: "10.0.0.2", via: true }],
    ["X-Forwarded-For over several header lines", "10.0.0.2", { forwardedFor: ["6.6.6.6", "198.51.100.4"] }, { client: "198.51.100.4", via: true }],
    ["ports and brackets in hops", "10.0.0.2", { forwardedFor: "[2001:db8::7]:5000, 192.168.1.10:3000" }, { client: "2001:db8::7", via: true }],
    ["an IPv6 proxy range", "fd00::5", { forwardedFor: "2001:db8::7" }, { client: "2001:db8::7", via: true }],
    ["garbage right after a trusted hop: stop at the last address vouched for", "10.0.0.2", { forwardedFor: "198.51.100.4, unknown, 10.3.3.3" }, { client: "10.3.3.3", via: true }],
    ["empty entries are skipped as garbage", "10.0.0.2", { forwardedFor: "" }, { client: "10.0.0.2", via: true }],
    ["a trusted proxy's X-Forwarded-Host and -Proto", "10.0.0.2", { host: "10.0.0.9:3000", forwardedHost: "warroom.example.com", forwardedProto: "https" }, { client: "10.0.0.2", host: "warroom.example.com", proto: "https", via: true }],
    ["a list of forwarded hosts: the nearest proxy's", "10.0.0.2", { host: "internal", forwardedHost: "evil.example, warroom.example.com", forwardedProto: "http, HTTPS" }, { client: "10.0.0.2", host: "warroom.example.com", proto: "https", via: true }],
    ["a malformed forwarded host falls back to Host", "10.0.0.2", { host: "internal:3000", forwardedHost: "warroom.example.com/evil" }, { client: "10.0.0.2", host: "internal:3000", via: true }],
    ["an unknown forwarded scheme is no scheme", "10.0.0.2", { forwardedProto: "gopher" }, { client: "10.0.0.2", via: true }],
    ["an IPv6 literal host", "10.0.0.2", { forwardedHost: "[2001:db8::1]:8443" }, { client: "10.0.0.2", host: "[2001:db8::1]:8443", via: true }],
    ["no peer address (a closed socket)", undefined, { forwardedFor: "1.1.1.1" }, { client: "unknown", via: false }],
  ])("%s", (_, peer, headers, expected) => {
    const view = requestView(peer, headers, PROXIES);
    expect({ client: view.clientAddress, host: view.host, proto: view.proto, via: view.isViaTrustedProxy }).toEqual({
      client: expected.client,
      host: expected.host ?? headers.host,
      proto: expected.proto,
      via: expected.via,
    });
  });

  it("without TRUSTED_PROXIES even a loopback proxy's headers are ignored", () => {
    expect(requestView("127.0.0.1", { forwardedFor: "198.51.100.4", forwardedHost: "evil.example" }, NO_TRUSTED_PROXIES)).toMatchObject({
      clientAddress: "127.0.0.1",
      host: undefined,
      isViaTrustedProxy: false,
    });
  });

  it("reads at most the last 32 hops of a huge chain", () => {
    const chain = [...Array.from({ length: 5000 }, () => "6.6.6.6"), ...Array.from({ length: 40 }, (_, i) => `10.0.${i}.1`)].join(", ");
    expect(requestView("10.0.0.2", { forwardedFor: chain }, PROXIES).clientAddress).toBe("10.0.8.1");
  });
});
