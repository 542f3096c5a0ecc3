import { describe, expect, it, vi } from "vitest";
import { failure, type TOutboundFailureKind } from "../../outbound/failure";
import { describeNetworkError, endpointUrl } from "./http";

vi.mock("server-only", () => ({}));

describe("endpointUrl", () => {
  it("keeps a path prefix and drops trailing slashes", () => {
    expect(endpointUrl("https://obs.example.com/prometheus/", "/api/v1/query").toString()).toBe("https://obs.example.com/prometheus/api/v1/query");
    expect(endpointUrl("http://127.0.0.1:9090", "/-/ready").toString()).toBe("http://127.0.0.1:9090/-/ready");
  });
});

describe("describeNetworkError", () => {
  const url = new URL("http://prom.internal:9090/api/v1/query");
  it.each<[TOutboundFailureKind, string, string]>([
    ["connection_refused", "connection refused", "Connection refused by prom.internal:9090: nothing is listening there"],
    ["dns", "DNS lookup failed: no such host", "DNS lookup failed: host prom.internal not found"],
    ["reset", "connection closed before an answer", "prom.internal:9090 closed the connection before answering"],
    ["unreachable", "host unreachable", "prom.internal:9090 is unreachable from this server"],
    ["tls", "TLS error (DEPTH_ZERO_SELF_SIGNED_CERT)", "TLS error (DEPTH_ZERO_SELF_SIGNED_CERT) with prom.internal:9090"],
    ["refused", "refused: prom.internal resolves to 10.0.0.5, which is a private address (an admin can allow it with OUTBOUND_ALLOW)", "Warroom refused: prom.internal resolves to 10.0.0.5, which is a private address (an admin can allow it with OUTBOUND_ALLOW)"],
    ["network", "network error (EPROTO)", "Could not reach prom.internal:9090: network error (EPROTO)"],
  ])("%s → %s", (kind, reason, message) => {
    expect(describeNetworkError(failure(kind, reason), url)).toBe(message);
  });
});
