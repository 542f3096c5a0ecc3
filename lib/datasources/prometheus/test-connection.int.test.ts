// "Test connection" against a real Prometheus and the things an admin really points it at by
// mistake: a port nowhere listens on, an internal address nobody allowed, an unknown host, an
// intranet page, an auth proxy without or with the wrong credentials, a server that never answers. Each says what failed in its own words.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startBearerProxy, startHtmlServer, startSilentServer, type TUpstream } from "../../../e2e/support/fake-upstreams";
import { isPrometheusMissing, startPrometheus, type TPrometheusServer } from "../../../e2e/support/prometheus";
import { freePort } from "../../db/embedded";
import { NOTHING_ALLOWED } from "../../domain/outbound-address";
import { configureOutbound } from "../../outbound/request";
import type { TPrometheusTarget } from "./client";
import { testPrometheusConnection } from "./test-connection";

vi.mock("server-only", () => ({}));

const target = (url: string, over: Partial<TPrometheusTarget> = {}): TPrometheusTarget => ({ url, auth: { kind: "none" }, headers: [], timeoutMs: 3000, ...over });

describe.skipIf(isPrometheusMissing)("test connection", () => {
  let prometheus: TPrometheusServer;
  let proxy: Awaited<ReturnType<typeof startBearerProxy>>;
  let html: TUpstream;
  let silent: TUpstream;

  beforeAll(async () => {
    prometheus = await startPrometheus([]);
    [proxy, html, silent] = await Promise.all([startBearerProxy(prometheus.url, "s3cret"), startHtmlServer(), startSilentServer()]);
  });
  afterAll(async () => {
    await Promise.all([proxy?.stop(), html?.stop(), silent?.stop()]);
    await prometheus?.stop();
  });

  it("is ok against Prometheus and names its version", async () => {
    const result = await testPrometheusConnection(target(prometheus.url));
    expect(result).toMatchObject({ outcome: "ok", isOk: true, version: expect.stringMatching(/^2\.\d+\.\d+/) });
    expect(result.message).toBe(`Connected: Prometheus ${result.version}`);
  });

  it("says the connection was refused where nothing listens", async () => {
    const port = await freePort();
    expect(await testPrometheusConnection(target(`http://127.0.0.1:${port}`))).toEqual({
      outcome: "refused",
      isOk: false,
      message: `Connection refused by 127.0.0.1:${port}: nothing is listening there`,
    });
  });

  it("says when Warroom's outbound rules refuse the address, and how to allow it", async () => {
    const restore = configureOutbound({ allow: NOTHING_ALLOWED });
    try {
      expect(await testPrometheusConnection(target(prometheus.url))).toEqual({
        outcome: "blocked",
        isOk: false,
        message: "Warroom refused: 127.0.0.1 is a loopback address (an admin can allow it with OUTBOUND_ALLOW)",
      });
    } finally {
      restore();
    }
  });

  it("says the host name does not resolve", async () => {
    // .invalid never resolves (RFC 2606); a resolver that cannot be asked at all is "unreachable" or a timeout.
    const result = await testPrometheusConnection(target("http://prometheus.warroom-test.invalid:9090"));
    expect(result).toMatchObject({ outcome: "dns", isOk: false, message: "DNS lookup failed: host prometheus.warroom-test.invalid not found" });
  });

  it("says an HTML page is not Prometheus", async () => {
    expect(await testPrometheusConnection(target(html.url))).toEqual({
      outcome: "not_prometheus",
      isOk: false,
      message: "Not Prometheus: Not a Prometheus API answer (HTTP 200, text/html)",
    });
  });

  it("says 401 behind an auth proxy without credentials, and which setting to change", async () => {
    expect(await testPrometheusConnection(target(proxy.url))).toEqual({
      outcome: "unauthorized",
      isOk: false,
      message: "401 Unauthorized: it wants credentials: choose bearer or basic authentication",
    });
    expect(await testPrometheusConnection(target(proxy.url, { auth: { kind: "bearer", token: "wrong" } }))).toMatchObject({
      outcome: "unauthorized",
      message: "401 Unauthorized: check the token or the username and password",
    });
  });

  it("says 403 when the credentials may not read", async () => {
    expect(await testPrometheusConnection(target(proxy.url, { auth: { kind: "bearer", token: "read-nothing" } }))).toMatchObject({ outcome: "forbidden", isOk: false });
  });

  it("is ok through the proxy with the right token, sending the extra headers too", async () => {
    const result = await testPrometheusConnection(target(proxy.url, { auth: { kind: "bearer", token: "s3cret" }, headers: [{ name: "X-Scope-OrgID", value: "team-a" }] }));
    expect(result).toMatchObject({ outcome: "ok", isOk: true });
    expect(proxy.seen.at(-1)).toMatchObject({ authorization: "Bearer s3cret", "x-scope-orgid": "team-a" });
  });

  it("says when nothing answers within the timeout", async () => {
    expect(await testPrometheusConnection(target(silent.url, { timeoutMs: 1000 }))).toEqual({
      outcome: "timeout",
      isOk: false,
      message: `No answer from 127.0.0.1:${silent.port} within 1 s: raise the timeout or check the server's load`,
    });
  });

  it("says 404 when the URL's path is wrong", async () => {
    expect(await testPrometheusConnection(target(`${prometheus.url}/prometheus`))).toMatchObject({ outcome: "not_prometheus", message: expect.stringContaining("HTTP 404") });
  });
});
