// The war room's catch-up summary as the page opens, from the run's whole log on real PostgreSQL:
// the same as folding every event, up to the run's last seq (so the browser folds only what follows).
import { beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import { catchUp, catchUpLines } from "../domain/catch-up";
import type { TRole } from "../domain/roles";
import { toRunEvent } from "../timeline/events";
import { changeItem } from "./item-commands";
import { loadCatchUp } from "./catch-up-query";
import { changeStatus } from "./status-commands";

useTestDatabase("catch_up");

let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
});

describe("loadCatchUp", () => {
  it("folds the run's whole log up to its last seq, reading only the events the summary needs", async () => {
    const run = await makeRun(team.lead);
    await changeStatus(team.lead, { runId: run.id, to: "pre_deployment", version: 0 });
    const item = await db().runItem.findFirstOrThrow({ where: { section: { phase: { runId: run.id } } } });
    await changeItem(team.member, { runId: run.id, itemId: item.id, version: 0, action: { kind: "done" } });
    await changeStatus(team.lead, { runId: run.id, to: "rescheduled", version: 1, reason: "Payments freeze moved up" });

    const summary = await loadCatchUp(run.id);
    const everything = (await db().timelineEvent.findMany({ where: { runId: run.id }, orderBy: { seq: "asc" } })).map(toRunEvent);
    const { lastSeq } = await db().run.findUniqueOrThrow({ where: { id: run.id } });
    expect(summary).toEqual({ ...catchUp(everything), throughSeq: lastSeq });
    expect(summary.status).toBe("rescheduled");
    expect(catchUpLines(summary, null).decisions).toEqual([expect.stringMatching(/— Lee Lead rescheduled the run \(Payments freeze moved up\)$/)]);
  });

  it("is empty for a run that does not exist", async () => {
    expect(await loadCatchUp("no-such-run")).toMatchObject({ throughSeq: 0, decisions: [], openAlerts: [] });
  });
});
