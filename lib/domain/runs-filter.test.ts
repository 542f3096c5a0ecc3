import { describe, expect, it } from "vitest";
import { encodeRunsCursor, parseRunsFilter, plannedStartWindow, runsListHref } from "./runs-filter";

describe("parseRunsFilter", () => {
  it("reads every filter and the page cursor from the URL", () => {
    const cursor = { createdAt: "2026-12-01T10:00:00.000Z", id: "cmabc123" };
    const parsed = parseRunsFilter({ q: " 4.2 ", service: "ledger", status: "completed", from: "2026-11-01", to: "2026-11-30", after: encodeRunsCursor(cursor) });
    expect(parsed).toEqual({ ok: true, filter: { q: "4.2", service: "ledger", status: "completed", from: "2026-11-01", to: "2026-11-30", after: cursor } });
  });

  it("treats empty fields (a submitted form) as no filter", () => {
    expect(parseRunsFilter({ q: "", service: " ", status: "", from: "", to: "" })).toEqual({ ok: true, filter: {} });
  });

  it("names each bad parameter and why", () => {
    const parsed = parseRunsFilter({ status: "done", from: "2026-13-40", after: "garbage" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual(
      expect.arrayContaining([
        { field: "status", message: expect.stringMatching(/^must be one of planned, /) },
        { field: "from", message: "is not a calendar date" },
        { field: "after", message: expect.stringMatching(/is not a page of this list/) },
      ]),
    );
  });

  it("refuses a range that ends before it starts, and accepts a single day", () => {
    expect(parseRunsFilter({ from: "2026-12-02", to: "2026-12-01" })).toEqual({ ok: false, problems: [{ field: "from", message: "must not be after “to”" }] });
    expect(parseRunsFilter({ from: "2026-12-01", to: "2026-12-01" }).ok).toBe(true);
  });

  it("refuses unknown and repeated parameters", () => {
    expect(parseRunsFilter({ sort: "name" })).toEqual({ ok: false, problems: [{ field: "query", message: "unknown parameter: sort" }] });
    expect(parseRunsFilter({ status: ["planned", "aborted"] })).toEqual({ ok: false, problems: [{ field: "status", message: "is given more than once" }] });
  });

  it("refuses search text over 100 characters, accepts exactly 100", () => {
    expect(parseRunsFilter({ q: "x".repeat(100) }).ok).toBe(true);
    expect(parseRunsFilter({ q: "x".repeat(101) })).toEqual({ ok: false, problems: [{ field: "q", message: "must be at most 100 characters" }] });
  });
});

describe("plannedStartWindow", () => {
  it("covers whole UTC days, the last one included", () => {
    expect(plannedStartWindow({ from: "2026-12-01", to: "2026-12-01" })).toEqual({ gte: new Date("2026-12-01T00:00:00.000Z"), lt: new Date("2026-12-02T00:00:00.000Z") });
    expect(plannedStartWindow({})).toEqual({});
  });
});

describe("runsListHref", () => {
  it("keeps the filters, leaves out empty ones, and adds the page", () => {
    expect(runsListHref({ q: "a b", status: "planned" })).toBe("/runs?q=a+b&status=planned");
    expect(runsListHref({}, { createdAt: "2026-12-01T10:00:00.000Z", id: "c1" })).toBe("/runs?after=2026-12-01T10%3A00%3A00.000Z_c1");
    expect(runsListHref({})).toBe("/runs");
  });
  it("round-trips through parseRunsFilter", () => {
    const href = runsListHref({ service: "ledger", from: "2026-12-01" }, { createdAt: "2026-12-01T10:00:00.000Z", id: "c1" });
    const params = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(parseRunsFilter(params)).toEqual({ ok: true, filter: { service: "ledger", from: "2026-12-01", after: { createdAt: "2026-12-01T10:00:00.000Z", id: "c1" } } });
  });
});
