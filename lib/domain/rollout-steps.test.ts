import { describe, expect, it } from "vitest";
import { MAX_CHECKPOINT_MINUTES, MAX_ROLLOUT_STEPS, renameCheckpoint, validateRolloutSteps } from "./rollout-steps";

const step = (percent: number | null, label = "Step", greenMinutes: number | null = 5, checkpoint = "Metrics green (5 minutes)") => ({ percent, label, greenMinutes, checkpoint });
const SEED = [step(10, "Canary"), step(50, "Progressive 50%", 2), step(100, "Full rollout")];

describe("validateRolloutSteps", () => {
  it("accepts the runbook's canary → 50% → 100%, and a single 100% step", () => {
    expect(validateRolloutSteps(SEED)).toEqual([]);
    expect(validateRolloutSteps([step(100, "All at once")])).toEqual([]);
  });

  it("wants each step to send more traffic than the one before, naming both", () => {
    expect(validateRolloutSteps([step(50, "Canary"), step(40, "Progressive"), step(100, "Full")])).toEqual([
      { path: "rolloutSteps.1.percent", message: "Rollout step 2 “Progressive”: 40% must be more than step 1's 50% (each step sends more traffic)" },
    ]);
    // Equal is not more.
    expect(validateRolloutSteps([step(50), step(50), step(100)]).map((p) => p.path)).toEqual(["rolloutSteps.1.percent"]);
  });

  it("wants the last step at 100%", () => {
    expect(validateRolloutSteps([step(10, "Canary"), step(50, "Half")])).toEqual([
      { path: "rolloutSteps.1.percent", message: "Rollout step 2 “Half”: the last step must send 100% of traffic (it is 50%)" },
    ]);
  });

  it("checks percent at its edges: 1 and 100 are fine, 0, 101 and fractions are not", () => {
    expect(validateRolloutSteps([step(1), step(100)])).toEqual([]);
    for (const percent of [0, 101, 12.5, -10]) {
      expect(validateRolloutSteps([step(percent), step(100)])[0]).toMatchObject({ path: "rolloutSteps.0.percent", message: expect.stringContaining("whole number from 1 to 100") });
    }
  });

  it("names each missing field", () => {
    expect(validateRolloutSteps([step(null, " ", null, "")]).map((p) => p.path)).toEqual([
      "rolloutSteps.0.percent",
      "rolloutSteps.0.label",
      "rolloutSteps.0.greenMinutes",
      "rolloutSteps.0.checkpoint",
    ]);
  });

  it("takes checkpoint minutes more than 0 and up to a day", () => {
    expect(validateRolloutSteps([step(100, "Full", MAX_CHECKPOINT_MINUTES)])).toEqual([]);
    expect(validateRolloutSteps([step(100, "Full", 0.5)])).toEqual([]);
    for (const minutes of [0, -1, MAX_CHECKPOINT_MINUTES + 1, Number.NaN]) {
      expect(validateRolloutSteps([step(100, "Full", minutes)]).map((p) => p.path)).toEqual(["rolloutSteps.0.greenMinutes"]);
    }
  });

  it("wants at least one step and at most the limit", () => {
    expect(validateRolloutSteps([])).toEqual([{ path: "rolloutSteps", message: "Rollout: at least one step is required (the last sends 100% of traffic)" }]);
    const many = Array.from({ length: MAX_ROLLOUT_STEPS + 1 }, (_, i) => step(i + 1 === MAX_ROLLOUT_STEPS + 1 ? 100 : i + 1));
    expect(validateRolloutSteps(many).map((p) => p.path)).toEqual(["rolloutSteps"]);
  });

  it("prefixes paths as asked (the playbook schema checks the same list)", () => {
    expect(validateRolloutSteps([step(50)], "playbook.rolloutSteps")[0].path).toBe("playbook.rolloutSteps.0.percent");
  });
});

describe("renameCheckpoint", () => {
  it("keeps the minutes in a runbook-style name in step with the number", () => {
    expect(renameCheckpoint("Canary metrics green (5 minutes)", 10)).toBe("Canary metrics green (10 minutes)");
    expect(renameCheckpoint("Canary metrics green (5 minutes)", 1)).toBe("Canary metrics green (1 minute)");
    expect(renameCheckpoint("Canary metrics green (1 minute)", 2.5)).toBe("Canary metrics green (2.5 minutes)");
  });
  it("leaves a name of the lead's own, and ignores a minutes field being cleared", () => {
    expect(renameCheckpoint("Wait for the on-call's OK", 10)).toBe("Wait for the on-call's OK");
    expect(renameCheckpoint("Canary metrics green (5 minutes)", null)).toBe("Canary metrics green (5 minutes)");
  });
});
