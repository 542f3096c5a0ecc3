// The runs list's keyset pages and filters on real PostgreSQL: every run once across pages (ties on
// createdAt included), the page boundaries exact, and each filter narrowing in the database.
import { beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { seedRuns } from "../../e2e/support/seed-history";
import { db } from "../db/client";
import type { TRunsFilter } from "../domain/runs-filter";
import { listRunsPage } from "./list-query";

useTestDatabase("runs_list");

let templateRunId: string;
beforeAll(async () => {
  const team = await makeTeam();
  templateRunId = (await makeRun(team.lead, { service: "template-only" })).id;
});

/** Every run the filter matches, following the pages' cursors; and how many pages it took. */
async function walk(filter: TRunsFilter, pageSize: number) {
  const ids: string[] = [];
  let pages = 0;
  let after: TRunsFilter["after"];
  for (;;) {
    const page = await listRunsPage({ ...filter, after }, pageSize);
    pages += 1;
    ids.push(...page.runs.map((r) => r.id));
    if (!page.next) return { ids, pages };
    after = page.next;
  }
}

describe("listRunsPage", () => {
  it("ends exactly at a full last page, with no empty page after it", async () => {
    await seedRuns(templateRunId, 10, { prefix: "exact", services: ["exact-ten"] });
    const { ids, pages } = await walk({ service: "exact-ten" }, 5);
    expect(pages).toBe(2);
    expect(ids).toHaveLength(10);
    expect((await listRunsPage({ service: "exact-ten" }, 10)).next).toBeNull();
    expect((await listRunsPage({ service: "exact-ten" }, 9)).next).not.toBeNull();
  });

  it("visits every run once, newest first, when many share one creation instant", async () => {
    await seedRuns(templateRunId, 23, { prefix: "tie", services: ["tied"] });
    await db().run.updateMany({ where: { service: "tied" }, data: { createdAt: new Date("2026-11-11T11:11:11.111Z") } });
    await db().run.update({ where: { id: "tierun1" }, data: { createdAt: new Date("2026-11-12T00:00:00.000Z") } });
    const { ids, pages } = await walk({ service: "tied" }, 4);
    expect(pages).toBe(6);
    expect(new Set(ids).size).toBe(23);
    expect(ids[0]).toBe("tierun1");
    // Within the tie: by id, descending.
    expect(ids.slice(1)).toEqual([...ids.slice(1)].sort().reverse());
  });

  it("filters by status, by service whatever its case, and by planned-start day", async () => {
    await seedRuns(templateRunId, 12, { prefix: "flt", services: ["Filtered-Svc"] });
    const all = await walk({ service: "filtered-svc" }, 50);
    expect(all.ids).toHaveLength(12);
    const aborted = await listRunsPage({ service: "FILTERED-SVC", status: "aborted" });
    expect(aborted.runs.length).toBeGreaterThan(0);
    expect(aborted.runs.every((r) => r.status === "aborted")).toBe(true);

    const day = "2026-10-05";
    await db().run.update({ where: { id: "fltrun3" }, data: { plannedStart: new Date(`${day}T23:59:59.999Z`) } });
    await db().run.update({ where: { id: "fltrun4" }, data: { plannedStart: new Date("2026-10-06T00:00:00.000Z") } });
    expect((await listRunsPage({ service: "filtered-svc", from: day, to: day })).runs.map((r) => r.id)).toEqual(["fltrun3"]);
    expect((await listRunsPage({ service: "filtered-svc", from: "2026-10-06", to: "2026-10-06" })).runs.map((r) => r.id)).toEqual(["fltrun4"]);
  });

  it("searches name, service and version, wildcards taken literally", async () => {
    await seedRuns(templateRunId, 3, { prefix: "srch", services: ["search-me"] });
    await db().run.update({ where: { id: "srchrun1" }, data: { name: "Ledger 100% rollout", targetVersion: "9.9.9-rc_1" } });
    expect((await listRunsPage({ q: "100%" })).runs.map((r) => r.id)).toEqual(["srchrun1"]);
    expect((await listRunsPage({ q: "rc_1" })).runs.map((r) => r.id)).toEqual(["srchrun1"]);
    expect((await listRunsPage({ q: "SEARCH-ME" })).runs).toHaveLength(3);
    expect((await listRunsPage({ q: "%" })).runs.map((r) => r.id)).toEqual(["srchrun1"]);
    expect((await listRunsPage({ q: "no run is called this" })).runs).toEqual([]);
  });
});
