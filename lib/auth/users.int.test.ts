import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../../e2e/support/integration";
import { db } from "../db/client";
import { AppError } from "../errors";
import { auth } from "./auth";
import { createFirstAdmin, createUser, hasAnyUser, setUserRole } from "./users";

useTestDatabase("users");

const admin = { name: "Ada Admin", email: "Ada@Example.com", password: "correct horse battery" };

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe("accounts", () => {
  it("rejects a bad first admin with a message naming the field, writing nothing", async () => {
    await expectAppError(createFirstAdmin({ ...admin, email: "not-an-email" }), "invalid_input");
    await expectAppError(createFirstAdmin({ ...admin, password: "short" }), "invalid_input");
    expect(await hasAnyUser()).toBe(false);
  });

  it("creates exactly one first admin even when setup is submitted concurrently", async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => createFirstAdmin({ ...admin, email: `admin${i}@example.com` })),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    for (const failed of attempts.filter((a) => a.status === "rejected")) {
      expect((failed as PromiseRejectedResult).reason.code).toBe("setup_done");
    }
    expect(await db().user.count()).toBe(1);
    expect((await db().user.findFirstOrThrow()).role).toBe("admin");
  });

  it("lets the admin sign in with better-auth using the stored hash", async () => {
    const first = await db().user.findFirstOrThrow();
    const response = await auth().api.signInEmail({
      body: { email: first.email, password: admin.password },
      asResponse: true,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/session_token=.*HttpOnly/i);
    const wrong = await auth().api.signInEmail({ body: { email: first.email, password: "nope nope nope" }, asResponse: true });
    expect(wrong.status).toBe(401);
  });

  it("only admins add users; emails are unique, case-insensitively", async () => {
    const first = await db().user.findFirstOrThrow();
    const actor = { id: first.id, name: first.name, role: first.role };
    const { user: lead } = await createUser(actor, { name: "Lee Lead", email: "lee@example.com", role: "lead" });
    expect(lead.role).toBe("lead");
    await expectAppError(createUser(actor, { name: "Lee 2", email: "LEE@example.com" }), "conflict");
    await expectAppError(createUser({ id: lead.id, name: lead.name, role: "lead" }, { name: "X", email: "x@example.com" }), "forbidden");
    await expectAppError(createUser(actor, { name: "Y", email: "y@example.com", role: "root" }), "invalid_input");
    expect(await db().user.count()).toBe(2);
  });

  it("changes roles but never removes the last admin", async () => {
    const first = await db().user.findFirstOrThrow({ where: { role: "admin" } });
    const actor = { id: first.id, name: first.name, role: first.role };
    await expectAppError(setUserRole(actor, { userId: first.id, role: "member" }), "conflict");
    const lee = await db().user.findUniqueOrThrow({ where: { email: "lee@example.com" } });
    expect((await setUserRole(actor, { userId: lee.id, role: "viewer" })).role).toBe("viewer");
    await expectAppError(setUserRole(actor, { userId: "missing", role: "viewer" }), "not_found");
    await expectAppError(setUserRole({ ...actor, role: "lead" }, { userId: lee.id, role: "admin" }), "forbidden");
  });
});
