// Every way an outbound call can fail, as a kind and a short reason a person can act on. Only these
// words are stored and shown, never what the other side sent back: an error page from an internal
// service is exactly what must not leak to the war room.

export type TOutboundFailureKind =
  | "refused"
  | "dns"
  | "connection_refused"
  | "timeout"
  | "unreachable"
  | "reset"
  | "tls"
  | "too_large"
  | "cancelled"
  | "network";

export type TOutboundFailure = { ok: false; kind: TOutboundFailureKind; reason: string };

export const failure = (kind: TOutboundFailureKind, reason: string): TOutboundFailure => ({ ok: false, kind, reason });

export const TIMED_OUT = (timeoutMs: number) => failure("timeout", `timed out (no answer within ${Math.round(timeoutMs / 100) / 10} s)`);

/** A socket or TLS error from node:http → one of the kinds above; the code is ours to show, a message may not be. */
export function classifySocketError(error: unknown): TOutboundFailure {
  const code = String((error as { code?: unknown })?.code ?? "");
  switch (code) {
    case "ECONNREFUSED":
      return failure("connection_refused", "connection refused");
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_NODATA":
    case "EAI_NONAME":
      return failure("dns", "DNS lookup failed: no such host");
    case "ECONNRESET":
    case "EPIPE":
    case "ECONNABORTED":
      return failure("reset", "connection closed before an answer");
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EHOSTDOWN":
    case "ENETDOWN":
      return failure("unreachable", "host unreachable");
    case "ETIMEDOUT":
      return failure("timeout", "timed out");
    case "HPE_INVALID_CONSTANT":
    case "HPE_INVALID_STATUS":
    case "HPE_INVALID_HEADER_TOKEN":
      return failure("network", "not an HTTP answer");
  }
  // Node names TLS failures by code (CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID, …): a code
  // is safe to show and says what to fix.
  if (/CERT|SSL|TLS|SELF_SIGNED|ERR_OSSL/.test(code)) return failure("tls", `TLS error (${code})`);
  return failure("network", code ? `network error (${code})` : "network error");
}

