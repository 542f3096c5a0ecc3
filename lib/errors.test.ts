import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, isDatabaseDown, isOverloaded, toErrorResponse } from "./errors";

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

describe("isOverloaded", () => {
  it("answers Prisma's 'no connection in time to start a transaction' with a 503 to retry, not an internal error", () => {
    const error = Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" });
    expect(isOverloaded(error)).toBe(true);
    expect(toErrorResponse(error)).toMatchObject({ status: 503, body: { error: { code: "unavailable" } } });
  });

  it("a transaction that outran its timeout was rolled back: a 503 to retry too", () => {
    for (const message of ["A query cannot be executed on an expired transaction.", "A commit cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms, however 6544 ms passed"]) {
      const expired = Object.assign(new Error(`Transaction API error: ${message}`), { code: "P2028" });
      expect(toErrorResponse(expired)).toMatchObject({ status: 503, body: { error: { code: "unavailable" } } });
    }
  });

  it("leaves other transaction errors alone", () => {
    const other = Object.assign(new Error("Transaction API error: Transaction already closed: a rollback was called."), { code: "P2028" });
    expect(isOverloaded(other)).toBe(false);
  });
});
