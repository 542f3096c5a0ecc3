import { describe, expect, it } from "vitest";
import { endingPhrase, finalRuleText, runEnding, ruleStateWord } from "./run-ending";

const ENDED = "2026-12-05T14:32:40.000Z";

describe("runEnding", () => {
  it("is null while the run can still change, including rescheduled", () => {
    for (const status of ["planned", "production", "monitoring", "rescheduled"] as const) expect(runEnding({ status, endedAt: null })).toBeNull();
  });
  it("names the end state and when", () => {
    expect(runEnding({ status: "rolled_back", endedAt: ENDED })).toEqual({ status: "rolled_back", endedAt: ENDED });
  });
});

describe("final rule text", () => {
  it("says the rule stopped at its final state, and when the run ended", () => {
    expect(finalRuleText({ severity: "rollback", state: "firing" }, { status: "rolled_back", endedAt: ENDED })).toBe(
      "final: firing when the run was rolled back at 14:32 UTC",
    );
    expect(finalRuleText({ severity: "escalate", state: "ok" }, { status: "completed", endedAt: ENDED })).toBe("final: ok when the run completed at 14:32 UTC");
    expect(finalRuleText({ severity: "rollback", state: "pending" }, { status: "aborted", endedAt: null })).toBe("final: pending when the run was aborted");
  });
  it("words success criteria as met or not, and no data as unverified", () => {
    expect(ruleStateWord("success", "firing")).toBe("met");
    expect(ruleStateWord("success", "ok")).toBe("not met");
    expect(ruleStateWord("success", "pending")).toBe("not met");
    expect(ruleStateWord("rollback", "inconclusive")).toBe("unverified");
    expect(ruleStateWord("success", "inconclusive")).toBe("unverified");
  });
  it("phrases each ending", () => {
    expect(endingPhrase({ status: "completed", endedAt: null })).toBe("when the run completed");
  });
});
