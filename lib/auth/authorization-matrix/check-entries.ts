// One test per matrix entry: every caller makes a valid call; those the permission table allows must
// succeed (and write, for a mutation), everyone else must be refused with nothing changed.
import { expect, it } from "vitest";
import { dbChangesSince, dbMark } from "../../../e2e/support/db-changes";
import { can, type TActorKind } from "../../domain/roles";
import { createWorkspaceKey } from "../../api/keys";
import { API_SCOPES } from "../../api/scopes";
import { stopMetricsMonitor } from "../../metrics/monitor";
import { createApiToken } from "../../metrics/tokens";
import { resetRateLimits } from "../../security/rate-limit";
import { createShareLink } from "../../share/server/share-links";
import { freshRun } from "./arrange";
import { CALLERS, isAccount, REFUSAL_CODES, type TCase, type TCaller, type TEntry, type TRun } from "./calls";
import { world } from "./world";

function isAllowed(entry: TEntry, caller: TCaller): boolean {
  if (entry.permission === "anyone") return true;
  if (entry.permission === "own session") return isAccount(caller);
  if (entry.permission === "nobody" || caller === "anonymous") return false;
  if (caller === "api_key" && !entry.acceptsApiKey) return false;
  return can(caller as TActorKind, entry.permission);
}

/** The caller's credentials for the case's run (a share link or metric token is made for that run). */
async function credentialsFor(caller: TCaller, run: TRun): Promise<Partial<TCase>> {
  if (isAccount(caller)) return { cookie: world.cookies.get(caller) };
  if (caller === "share_link") return { shareToken: (await createShareLink(world.team.lead, { runId: run.id, label: "matrix" })).token };
  if (caller === "metric_token") return { metricToken: (await createApiToken(world.team.lead, { runId: run.id, name: "matrix" })).token };
  if (caller === "api_key") return { apiKey: (await createWorkspaceKey(world.team.admin, { name: "matrix", scopes: [...API_SCOPES] })).token };
  return {};
}

/** Call inside a describe: registers one test per entry, in the entries' order. */
export function itChecksEveryCaller(entries: Record<string, TEntry>): void {
  for (const [key, entry] of Object.entries(entries)) {
    it(`${key} — ${entry.permission}${entry.rule ? ` (${entry.rule})` : ""}`, async () => {
      resetRateLimits();
      const expected: Record<string, string> = {};
      const actual: Record<string, string> = {};
      // Callers expected to be refused share one prepared state (a refusal changes nothing, which is
      // checked); each caller expected to succeed gets a fresh one.
      let refusedState: { run: TRun; input: unknown } | undefined;
      for (const caller of CALLERS) {
        const isExpected = isAllowed(entry, caller);
        const c: TCase = { caller, run: refusedState && !isExpected ? refusedState.run : await freshRun() };
        const input = refusedState && !isExpected ? refusedState.input : await entry.prepare(c);
        if (!isExpected) refusedState ??= { run: c.run, input };
        Object.assign(c, await credentialsFor(caller, c.run));
        // Runs that got samples in earlier cases are judged every 10 s in the background; those
        // evaluations' writes are not this call's.
        await stopMetricsMonitor();
        const mark = await dbMark();
        const outcome = await entry.call(c, input);
        if (outcome.ok) await entry.settle?.();
        const changed = await dbChangesSince(mark);
        await entry.cleanup?.();
        expected[caller] = isExpected ? "allowed" : "refused";
        if (outcome.ok) {
          actual[caller] = entry.isMutation && changed.length === 0 ? "allowed but wrote nothing" : "allowed";
          if (!entry.isMutation && changed.length) actual[caller] = `read that wrote ${changed.join(", ")}`;
        } else {
          const cleanRefusal = REFUSAL_CODES.includes(outcome.code) || (entry.permission === "nobody" && outcome.code === "setup_done");
          actual[caller] = !cleanRefusal ? `failed: ${outcome.code}` : changed.length ? `refused but changed ${changed.join(", ")}` : "refused";
        }
      }
      expect(actual).toEqual(expected);
    });
  }
}
