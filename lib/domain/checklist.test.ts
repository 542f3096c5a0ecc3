import { describe, expect, it } from "vitest";
import { ZItemAction } from "./run-schemas";
import {
  applyItemAction,
  ITEM_STATES,
  missingRequired,
  progress,
  type TChecklistItem,
  type TItemAction,
  type TItemSnapshot,
  type TItemState,
} from "./checklist";

const item = (state: TItemState, version = 3, note: string | null = null): TItemSnapshot => ({ state, version, note });

const DONE: TItemAction = { kind: "done" };
const SKIP: TItemAction = { kind: "skip", reason: "Not relevant for this release" };
const FAIL: TItemAction = { kind: "fail", note: "Returned 500" };
const REOPEN: TItemAction = { kind: "reopen" };

const noteOf = (s: TItemState) => (s === "skipped" ? "old skip reason" : s === "failed" ? "old failure" : null);

describe("applyItemAction: every action from every state", () => {
  // Expected outcome per [from state][action]: the new state and note, or "conflict".
  type TExpected = { state: TItemState; note: string | null } | "conflict";
  const EXPECTED: Record<TItemState, Record<TItemAction["kind"], TExpected>> = {
    open: {
      done: { state: "done", note: null },
      skip: { state: "skipped", note: SKIP.kind === "skip" ? SKIP.reason : null },
      fail: { state: "failed", note: "Returned 500" },
      reopen: "conflict",
    },
    done: {
      done: "conflict",
      skip: { state: "skipped", note: "Not relevant for this release" },
      fail: { state: "failed", note: "Returned 500" },
      reopen: { state: "open", note: null },
    },
    skipped: {
      done: { state: "done", note: null },
      // re-skipping is allowed: it replaces the reason
      skip: { state: "skipped", note: "Not relevant for this release" },
      fail: { state: "failed", note: "Returned 500" },
      reopen: { state: "open", note: null },
    },
    failed: {
      done: { state: "done", note: null },
      skip: { state: "skipped", note: "Not relevant for this release" },
      // re-failing is allowed: it replaces the note
      fail: { state: "failed", note: "Returned 500" },
      reopen: { state: "open", note: null },
    },
  };

  const cases = ITEM_STATES.flatMap((from) =>
    [DONE, SKIP, FAIL, REOPEN].map((action) => [from, action.kind, action] as const),
  );

  it.each(cases)("from %s, %s", (from, kind, action) => {
    const before = item(from, 7, noteOf(from));
    const snapshot = structuredClone(before);
    const result = applyItemAction(before, action, 7);
    const expected = EXPECTED[from][kind];
    if (expected === "conflict") {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.code).toBe("conflict");
        expect(result.reason).toMatch(new RegExp(`^Not applied: it is already ${from}`));
      }
    } else {
      expect(result).toEqual({ ok: true, change: { ...expected, version: 8 } });
    }
    expect(before).toEqual(snapshot); // the input is never mutated
  });
});

describe("applyItemAction: compare-and-set", () => {
  it.each([2, 4, 0, -1])("a stale version (%i, current 3) is a conflict and changes nothing", (seen) => {
    const before = item("open", 3);
    const result = applyItemAction(before, DONE, seen);
    expect(result).toEqual({
      ok: false,
      code: "conflict",
      reason: "Not applied: someone changed it first. It is now open.",
    });
    expect(result).not.toHaveProperty("change");
    expect(before).toEqual(item("open", 3));
  });

  it("the version check comes before the already-in-state check", () => {
    const r = applyItemAction(item("done", 3), DONE, 2);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("someone changed it first");
  });

  it.each([0, 1, 41, 1_000_000])("version %i increments by exactly 1", (v) => {
    const r = applyItemAction(item("open", v), DONE, v);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.change.version).toBe(v + 1);
  });

  it('"already done" is a conflict', () => {
    const r = applyItemAction(item("done", 5), DONE, 5);
    expect(r).toEqual({ ok: false, code: "conflict", reason: "Not applied: it is already done." });
  });

  it("a refused change names the state it lost to: who, when and the note", () => {
    const winner = { ...item("skipped", 4, "Covered by staging"), changedByName: "Mo Member", changedAt: "2026-11-27T10:42:05.123Z" };
    const r = applyItemAction(winner, DONE, 3);
    expect(r).toEqual({
      ok: false,
      code: "conflict",
      reason: "Not applied: someone changed it first. It is now skipped (Mo Member, 10:42:05 UTC) — “Covered by staging”.",
    });
  });

  it("reopen clears the note of a failed item", () => {
    const r = applyItemAction(item("failed", 2, "Timeout on health check"), REOPEN, 2);
    expect(r).toEqual({ ok: true, change: { state: "open", note: null, version: 3 } });
  });

  it("reopen clears the reason of a skipped item", () => {
    const r = applyItemAction(item("skipped", 2, "Not needed"), REOPEN, 2);
    expect(r).toEqual({ ok: true, change: { state: "open", note: null, version: 3 } });
  });

  it("done after a failure clears the failure note", () => {
    const r = applyItemAction(item("failed", 1, "Broken"), DONE, 1);
    expect(r).toEqual({ ok: true, change: { state: "done", note: null, version: 2 } });
  });
});

describe("ZItemAction", () => {
  it("accepts done and reopen without extra fields", () => {
    expect(ZItemAction.safeParse({ kind: "done" }).success).toBe(true);
    expect(ZItemAction.safeParse({ kind: "reopen" }).success).toBe(true);
  });

  it("rejects an unknown kind", () => {
    expect(ZItemAction.safeParse({ kind: "delete" }).success).toBe(false);
  });

  it("accepts a skip with a reason and a fail with a note, trimming them", () => {
    expect(ZItemAction.parse({ kind: "skip", reason: "  not needed  " })).toEqual({ kind: "skip", reason: "not needed" });
    expect(ZItemAction.parse({ kind: "fail", note: "\tbroke\n" })).toEqual({ kind: "fail", note: "broke" });
  });

  it.each([
    ["missing", {}],
    ["empty", { reason: "" }],
    ["whitespace-only", { reason: "   \n\t" }],
    ["over 1000 chars", { reason: "x".repeat(1001) }],
    ["not a string", { reason: 42 }],
  ])("rejects a skip with a %s reason", (_label, extra) => {
    expect(ZItemAction.safeParse({ kind: "skip", ...extra }).success).toBe(false);
  });

  it.each([
    ["missing", {}],
    ["empty", { note: "" }],
    ["whitespace-only", { note: "    " }],
    ["over 1000 chars", { note: "y".repeat(1001) }],
  ])("rejects a fail with a %s note", (_label, extra) => {
    expect(ZItemAction.safeParse({ kind: "fail", ...extra }).success).toBe(false);
  });

  it("a skip does not accept a note in place of a reason, nor a fail a reason in place of a note", () => {
    expect(ZItemAction.safeParse({ kind: "skip", note: "why" }).success).toBe(false);
    expect(ZItemAction.safeParse({ kind: "fail", reason: "why" }).success).toBe(false);
  });

  it("accepts exactly 1000 chars (after trimming)", () => {
    expect(ZItemAction.safeParse({ kind: "skip", reason: "x".repeat(1000) }).success).toBe(true);
    expect(ZItemAction.safeParse({ kind: "fail", note: `  ${"y".repeat(1000)}  ` }).success).toBe(true);
  });

  it("gives human-readable messages", () => {
    const skip = ZItemAction.safeParse({ kind: "skip", reason: " " });
    expect(skip.success).toBe(false);
    if (!skip.success) expect(skip.error.issues[0].message).toBe("Skipping needs a reason");
    const fail = ZItemAction.safeParse({ kind: "fail", note: "" });
    expect(fail.success).toBe(false);
    if (!fail.success) expect(fail.error.issues[0].message).toBe("A failed item needs a note");
  });
});

describe("missingRequired", () => {
  const it_ = (text: string, state: TItemState, required = true): TChecklistItem => ({ text, state, required });

  it("returns [] for an empty list", () => expect(missingRequired([])).toEqual([]));

  it("lists required items that are open or failed, in order", () => {
    expect(
      missingRequired([
        it_("A", "open"),
        it_("B", "done"),
        it_("C", "failed"),
        it_("D", "skipped"),
        it_("E", "open"),
      ]),
    ).toEqual(["A", "C", "E"]);
  });

  it("ignores optional items whatever their state", () => {
    expect(missingRequired(ITEM_STATES.map((s) => it_(`opt ${s}`, s, false)))).toEqual([]);
  });

  it("counts skipped as complete", () => expect(missingRequired([it_("A", "skipped")])).toEqual([]));

  it("does not count failed as complete", () => expect(missingRequired([it_("A", "failed")])).toEqual(["A"]));

  it("all required done → []", () => expect(missingRequired([it_("A", "done"), it_("B", "done")])).toEqual([]));
});

describe("progress", () => {
  it("is 0/0 for an empty list", () => expect(progress([])).toEqual({ done: 0, total: 0 }));

  it("counts done and skipped, not open or failed", () => {
    expect(
      progress([{ state: "done" }, { state: "skipped" }, { state: "open" }, { state: "failed" }, { state: "done" }]),
    ).toEqual({ done: 3, total: 5 });
  });

  it("all open → 0 done", () => expect(progress([{ state: "open" }, { state: "open" }])).toEqual({ done: 0, total: 2 }));
});
