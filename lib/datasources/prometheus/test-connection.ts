// "Test connection": ask the data source who it is (build info) and run one trivial query with the
// saved credentials, and say in one sentence what failed, in the terms an admin fixes it with.
import "server-only";
import { fetchBuildInfo, instantQuery, type TPromError, type TPrometheusTarget } from "./client";

export type TConnectionOutcome =
  | "ok"
  | "dns"
  | "refused"
  | "blocked"
  | "timeout"
  | "unauthorized"
  | "forbidden"
  | "not_prometheus"
  | "prometheus_error"
  | "unreachable";
export type TConnectionResult = { outcome: TConnectionOutcome; isOk: boolean; message: string; version?: string };

function failure(error: TPromError, target: TPrometheusTarget): TConnectionResult {
  const fail = (outcome: TConnectionOutcome, message: string): TConnectionResult => ({ outcome, isOk: false, message });
  if (error.kind === "timeout") return fail("timeout", `${error.message}: raise the timeout or check the server's load`);
  if (error.kind === "network") {
    if (error.message.startsWith("DNS")) return fail("dns", error.message);
    if (error.message.startsWith("Connection refused")) return fail("refused", error.message);
    // The outbound rules, not the network: the message says how an admin allows an internal Prometheus.
    if (error.message.startsWith("Warroom refused")) return fail("blocked", error.message);
    return fail("unreachable", error.message);
  }
  if (error.status === 401) {
    const hint = target.auth.kind === "none" ? "it wants credentials: choose bearer or basic authentication" : "check the token or the username and password";
    return fail("unauthorized", `401 Unauthorized: ${hint}`);
  }
  if (error.status === 403) return fail("forbidden", "403 Forbidden: the credentials were accepted but may not read this Prometheus");
  if (error.kind === "prometheus") return fail("prometheus_error", error.message);
  if (error.kind === "http" && error.status === 404) {
    return fail("not_prometheus", `HTTP 404 at ${target.url}/api/v1/status/buildinfo: not Prometheus, or the URL's path is wrong`);
  }
  return fail("not_prometheus", `Not Prometheus: ${error.message}`);
}

export async function testPrometheusConnection(target: TPrometheusTarget): Promise<TConnectionResult> {
  const info = await fetchBuildInfo(target);
  if (!info.ok) return failure(info, target);
  // A proxy may allow the status pages but not queries: prove the path rules will use.
  const probe = await instantQuery(target, "vector(1)");
  if (!probe.ok) return failure(probe, target);
  return { outcome: "ok", isOk: true, version: info.data.version, message: `Connected: Prometheus ${info.data.version}` };
}
