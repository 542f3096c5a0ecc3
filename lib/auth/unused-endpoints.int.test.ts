// better-auth endpoints Warroom does not use answer 404 to a signed-in caller, above all the session
// list, which would hand a page's script every session's raw token. The ones Warroom uses still work.
import { describe, expect, it } from "vitest";
import { makeTeam } from "../../e2e/support/factories";
import { TEST_APP_URL, useTestDatabase } from "../../e2e/support/integration";
import { GET, POST } from "../../app/api/auth/[...all]/route";
import { sessionCookieOf } from "../../e2e/support/realtime-world";
import { db } from "../db/client";

useTestDatabase("unused_auth_endpoints");

const call = (method: "GET" | "POST", path: string, cookie: string, body?: object) =>
  (method === "GET" ? GET : POST)(
    new Request(`${TEST_APP_URL}/api/auth${path}`, {
      method,
      headers: { cookie, origin: TEST_APP_URL, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }),
  );

describe("better-auth's unused endpoints", () => {
  it("list-sessions answers 404 and no session token; revoking by token and changing the password are off too", async () => {
    const team = await makeTeam();
    const cookie = await sessionCookieOf(team.member);
    const sessions = await db().session.findMany({ where: { userId: team.member.id }, select: { token: true } });
    const listed = await call("GET", "/list-sessions", cookie);
    expect(listed.status).toBe(404);
    const text = await listed.text();
    for (const { token } of sessions) expect(text).not.toContain(token);

    expect((await call("POST", "/revoke-session", cookie, { token: sessions[0]!.token })).status).toBe(404);
    expect((await call("POST", "/revoke-sessions", cookie, {})).status).toBe(404);
    expect((await call("POST", "/revoke-other-sessions", cookie, {})).status).toBe(404);
    // better-auth's own change checks only the length: the password policy applies to reset links.
    expect((await call("POST", "/change-password", cookie, { currentPassword: "correct horse battery", newPassword: "password1234" })).status).toBe(404);
    expect(await db().session.count({ where: { userId: team.member.id } })).toBe(sessions.length);
  });

  it("the ones Warroom uses still answer: the caller's own session", async () => {
    const team = await makeTeam();
    const cookie = await sessionCookieOf(team.viewer);
    const session = await call("GET", "/get-session", cookie);
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ user: { id: team.viewer.id } });
  });
});
