import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, isDatabaseDown, toErrorResponse } from "./errors";

describe("isDatabaseDown", () => {
  it.each([
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["PostgreSQL shutting down", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })],
    ["Prisma's unreachable server", Object.assign(new Error("Can't reach database server at 127.0.0.1"), { code: "P1001" })],
    ["better-auth wrapping Prisma's error", Object.assign(new Error("Failed to get session"), { cause: { code: "P1001", message: "" } })],
    ["two levels of wrapping", new Error("outer", { cause: new Error("middle", { cause: { code: "ECONNRESET" } }) })],
  ])("recognises %s", (_label, error) => {
    expect(isDatabaseDown(error)).toBe(true);
    expect(toErrorResponse(error)).toEqual({ status: 503, body: { error: { code: "unavailable", message: "The database is unavailable; try again shortly." } } });
  });

  it.each([
    ["a plain bug", new TypeError("x is undefined")],
    ["a unique violation", Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
    ["null", null],
  ])("does not mistake %s for it", (_label, error) => {
    expect(isDatabaseDown(error)).toBe(false);
  });

  it("a self-referencing cause chain ends", () => {
    const error = new Error("loop") as Error & { cause?: unknown };
    error.cause = error;
    expect(isDatabaseDown(error)).toBe(false);
  });
});

describe("toErrorResponse", () => {
  it("maps AppError codes, zod errors and unknown errors without leaking", () => {
    expect(toErrorResponse(new AppError("conflict", "Taken"))).toEqual({ status: 409, body: { error: { code: "conflict", message: "Taken" } } });
    const zodError = z.object({ n: z.number() }).safeParse({ n: "x" }).error!;
    expect(toErrorResponse(zodError).status).toBe(422);
    expect(toErrorResponse(new Error("secret detail"))).toEqual({ status: 500, body: { error: { code: "internal", message: "Something went wrong on our side." } } });
  });
});
