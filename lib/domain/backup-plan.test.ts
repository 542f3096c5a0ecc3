import { describe, expect, it } from "vitest";
import { loadOrder, planRestore } from "./backup-plan";

const KNOWN = ["1_init", "2_polls", "3_metrics", "4_keys"];

describe("planRestore", () => {
  it("loads a backup at its own schema, then applies the newer migrations", () => {
    expect(planRestore({ backup: KNOWN.slice(0, 2), known: KNOWN, target: [] })).toEqual({ ok: true, migrateFirst: ["1_init", "2_polls"], migrateAfter: ["3_metrics", "4_keys"] });
    expect(planRestore({ backup: KNOWN, known: KNOWN, target: ["1_init"] })).toEqual({ ok: true, migrateFirst: ["2_polls", "3_metrics", "4_keys"], migrateAfter: [] });
    expect(planRestore({ backup: KNOWN, known: KNOWN, target: KNOWN })).toEqual({ ok: true, migrateFirst: [], migrateAfter: [] });
  });

  it("refuses a backup from a newer schema, naming what it does not know", () => {
    const plan = planRestore({ backup: [...KNOWN, "5_future"], known: KNOWN, target: [] });
    expect(plan).toEqual({ ok: false, message: expect.stringMatching(/newer Warroom.*a migration this version does not know \(5_future\)\. Upgrade Warroom/) });
  });

  it("refuses a backup whose migrations are not this Warroom's in order", () => {
    expect(planRestore({ backup: ["1_init", "3_metrics"], known: KNOWN, target: [] })).toMatchObject({ ok: false, message: expect.stringContaining("another line") });
  });

  it("refuses a database already migrated past the backup", () => {
    expect(planRestore({ backup: KNOWN.slice(0, 2), known: KNOWN, target: KNOWN.slice(0, 3) })).toMatchObject({ ok: false, message: expect.stringContaining("--replace") });
    expect(planRestore({ backup: KNOWN.slice(0, 2), known: KNOWN, target: ["2_polls"] })).toMatchObject({ ok: false });
  });
});

describe("loadOrder", () => {
  it("puts referenced tables first and ignores self-references", () => {
    const order = loadOrder(["TimelineEvent", "Run", "user", "RunItem"], [
      { from: "Run", to: "user" },
      { from: "TimelineEvent", to: "Run" },
      { from: "RunItem", to: "Run" },
      { from: "RunItem", to: "RunItem" },
    ]);
    expect(order.indexOf("user")).toBeLessThan(order.indexOf("Run"));
    expect(order.indexOf("Run")).toBeLessThan(order.indexOf("TimelineEvent"));
    expect(order.indexOf("Run")).toBeLessThan(order.indexOf("RunItem"));
    expect(order).toHaveLength(4);
  });

  it("names a cycle", () => {
    expect(() => loadOrder(["a", "b"], [{ from: "a", to: "b" }, { from: "b", to: "a" }])).toThrow(/cycle \(a → b → a\)/);
  });
});
