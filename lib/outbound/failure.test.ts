import { describe, expect, it } from "vitest";
import { classifySocketError, TIMED_OUT } from "./failure";

const socketError = (code: string, message = `${code}: with details from the other side`) => Object.assign(new Error(message), { code });

describe("classifySocketError", () => {
  it.each([
    ["ECONNREFUSED", "connection_refused", "connection refused"],
    ["ENOTFOUND", "dns", "DNS lookup failed: no such host"],
    ["EAI_AGAIN", "dns", "DNS lookup failed: no such host"],
    ["ECONNRESET", "reset", "connection closed before an answer"],
    ["EHOSTUNREACH", "unreachable", "host unreachable"],
    ["ETIMEDOUT", "timeout", "timed out"],
    ["HPE_INVALID_CONSTANT", "network", "not an HTTP answer"],
    ["CERT_HAS_EXPIRED", "tls", "TLS error (CERT_HAS_EXPIRED)"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "tls", "TLS error (ERR_TLS_CERT_ALTNAME_INVALID)"],
    ["EPROTO", "network", "network error (EPROTO)"],
  ])("%s → %s", (code, kind, reason) => {
    expect(classifySocketError(socketError(code))).toEqual({ ok: false, kind, reason });
  });

  it("never repeats an error's message, which may quote the other side", () => {
    expect(classifySocketError(new Error("Parse Error: <html>secret</html>"))).toEqual({ ok: false, kind: "network", reason: "network error" });
  });

  it("says how long it waited", () => {
    expect(TIMED_OUT(10_000).reason).toBe("timed out (no answer within 10 s)");
    expect(TIMED_OUT(2500).reason).toBe("timed out (no answer within 2.5 s)");
  });
});
