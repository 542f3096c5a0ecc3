import { describe, expect, it, vi } from "vitest";
import { describeNetworkError, endpointUrl } from "./http";

vi.mock("server-only", () => ({}));

const failed = (code: string, message = code) => Object.assign(new TypeError("fetch failed"), { cause: { code, message } });

describe("endpointUrl", () => {
  it("keeps a path prefix and drops trailing slashes", () => {
    expect(endpointUrl("https://obs.example.com/prometheus/", "/api/v1/query").toString()).toBe("https://obs.example.com/prometheus/api/v1/query");
    expect(endpointUrl("http://127.0.0.1:9090", "/-/ready").toString()).toBe("http://127.0.0.1:9090/-/ready");
  });
});

describe("describeNetworkError", () => {
  const url = new URL("http://prom.internal:9090/api/v1/query");
  it.each([
    ["ECONNREFUSED", "Connection refused by prom.internal:9090: nothing is listening there"],
    ["ENOTFOUND", "DNS lookup failed: host prom.internal not found"],
    ["EAI_AGAIN", "DNS lookup failed: host prom.internal not found"],
    ["ECONNRESET", "prom.internal:9090 closed the connection before answering"],
    ["EHOSTUNREACH", "prom.internal:9090 is unreachable from this server"],
    ["UND_ERR_CONNECT_TIMEOUT", "Could not connect to prom.internal:9090 in time"],
  ])("%s → %s", (code, message) => {
    expect(describeNetworkError(failed(code), url)).toBe(message);
  });

  it("names a TLS problem with the library's words", () => {
    expect(describeNetworkError(failed("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate"), url)).toBe("TLS problem with prom.internal:9090: self-signed certificate");
  });

  it("falls back to the cause's message", () => {
    expect(describeNetworkError(failed("EWHATEVER", "odd"), url)).toBe("Could not reach prom.internal:9090: odd");
  });
});
