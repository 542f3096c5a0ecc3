import { describe, expect, it } from "vitest";
import { isPeerAllowed, judgeMetricsAccess, parseMetricsAllow } from "./metrics-access";

const TOKEN = "scrape-token-0123456789";
const allow = (text: string) => parseMetricsAllow(text).cidrs;

describe("METRICS_ALLOW", () => {
  it("reads addresses and ranges, and names what it cannot read", () => {
    expect(parseMetricsAllow("10.0.0.7, 192.168.0.0/16 ,fd00::/8").cidrs).toHaveLength(3);
    expect(parseMetricsAllow("10.0.0.7,prometheus.internal,10.0.0.0/33").invalid).toEqual(["prometheus.internal", "10.0.0.0/33"]);
  });

  it("matches the TCP peer, including an IPv4 peer reported by a dual-stack socket", () => {
    const ranges = allow("127.0.0.1,10.1.0.0/16,fd00::/8");
    expect(isPeerAllowed("127.0.0.1", ranges)).toBe(true);
    expect(isPeerAllowed("::ffff:127.0.0.1", ranges)).toBe(true);
    expect(isPeerAllowed("10.1.255.3", ranges)).toBe(true);
    expect(isPeerAllowed("fd00::5", ranges)).toBe(true);
    expect(isPeerAllowed("10.2.0.1", ranges)).toBe(false);
    expect(isPeerAllowed("127.0.0.2", ranges)).toBe(false);
    expect(isPeerAllowed(undefined, ranges)).toBe(false);
    expect(isPeerAllowed("not-an-ip", ranges)).toBe(false);
  });
});

describe("judgeMetricsAccess", () => {
  const peer = "10.1.0.9";

  it("is off (404) until a token or an allow list is configured", () => {
    expect(judgeMetricsAccess({ token: null, allow: null }, { peer, authorization: `Bearer ${TOKEN}` })).toMatchObject({ isAllowed: false, status: 404 });
  });

  it("with a token: the exact bearer token, nothing else", () => {
    const config = { token: TOKEN, allow: null };
    expect(judgeMetricsAccess(config, { peer, authorization: `Bearer ${TOKEN}` })).toEqual({ isAllowed: true });
    expect(judgeMetricsAccess(config, { peer, authorization: `bearer ${TOKEN}` })).toEqual({ isAllowed: true });
    for (const authorization of [undefined, "", TOKEN, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, "Bearer "]) {
      expect(judgeMetricsAccess(config, { peer, authorization })).toMatchObject({ isAllowed: false, status: 401 });
    }
  });

  it("with an allow list: only those peers, no token needed", () => {
    const config = { token: null, allow: allow("10.1.0.0/16") };
    expect(judgeMetricsAccess(config, { peer, authorization: undefined })).toEqual({ isAllowed: true });
    expect(judgeMetricsAccess(config, { peer: "10.9.0.1", authorization: `Bearer ${TOKEN}` })).toMatchObject({ isAllowed: false, status: 403 });
  });

  it("with both: an allowed peer that also sends the token", () => {
    const config = { token: TOKEN, allow: allow("10.1.0.0/16") };
    expect(judgeMetricsAccess(config, { peer, authorization: `Bearer ${TOKEN}` })).toEqual({ isAllowed: true });
    expect(judgeMetricsAccess(config, { peer, authorization: undefined })).toMatchObject({ status: 401 });
    expect(judgeMetricsAccess(config, { peer: "10.9.0.1", authorization: `Bearer ${TOKEN}` })).toMatchObject({ status: 403 });
  });
});
