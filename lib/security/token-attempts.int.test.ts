// Token endpoints are rate-limited per client IP: an address that keeps sending bad metric tokens is
// refused (429) for the minute, even with a good token; other addresses are not affected.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { TEST_APP_URL, useTestDatabase } from "../../e2e/support/integration";
import { POST } from "../../app/api/runs/[id]/metrics/route";
import { CLIENT_IP_HEADER } from "../auth/auth";
import { createApiToken } from "../metrics/tokens";
import { resetRateLimits } from "./rate-limit";
import { TOKEN_FAILURE_LIMIT } from "./token-attempts";

// The route module also serves the signed-in chart read (server-only imports); this test calls POST only.
vi.mock("server-only", () => ({}));

useTestDatabase("token_attempts");
beforeEach(resetRateLimits);

function push(runId: string, token: string, ip: string) {
  const request = new Request(`${TEST_APP_URL}/api/runs/${runId}/metrics`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", [CLIENT_IP_HEADER]: ip },
    body: JSON.stringify({ metric: "error_rate", value: 0.1, timestamp: new Date().toISOString() }),
  });
  return POST(request, { params: Promise.resolve({ id: runId }) });
}

describe("metric token attempts", () => {
  it("cuts off an address after repeated bad tokens, not the others", async () => {
    const team = await makeTeam();
    const run = await makeRun(team.lead);
    const { token } = await createApiToken(team.lead, { runId: run.id, name: "script" });
    for (let i = 0; i < TOKEN_FAILURE_LIMIT.max; i++) expect((await push(run.id, `wrm_bad${i}`, "10.1.1.1")).status).toBe(401);
    expect((await push(run.id, token, "10.1.1.1")).status).toBe(429);
    expect((await push(run.id, token, "10.1.1.2")).status).toBe(200);
  });
});
