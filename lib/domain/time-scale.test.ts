import { describe, expect, it } from "vitest";
import { defaultTemplate } from "../../prisma/seed/default-template";
import { ZPlaybook } from "./template-definition";
import { ZTimeScale } from "./run-schemas";
import { compressedDuration, compressPlaybook } from "./time-scale";

const playbook = defaultTemplate.playbook as unknown as Record<string, unknown>;

describe("compressPlaybook", () => {
  it("leaves a real-time playbook exactly as it is", () => {
    expect(compressPlaybook(playbook, 1)).toBe(playbook);
  });

  it("divides every checkpoint and windowed rule by the factor and says so in its label", () => {
    const fast = ZPlaybook.parse(compressPlaybook(playbook, 30));
    expect(fast.rolloutSteps.map((s) => s.greenMinutes)).toEqual([5 / 30, 2 / 30, 5 / 30]);
    expect(fast.rolloutSteps[0].checkpoint).toBe("Canary metrics green (5 minutes) [time ×30: 10 s]");
    const sustained = fast.rollbackTriggers.find((t) => t.window.kind === "sustained")!;
    expect(sustained.label).toBe("Error rate > 5% sustained (5 minutes) [time ×30: 10 s]");
    expect(sustained.window).toEqual({ kind: "sustained", minutes: 5 / 30 });
    expect(fast.rollbackTriggers.find((t) => t.window.kind === "sum")!.window).toEqual({ kind: "sum", minutes: 5 / 30 });
  });

  it("keeps immediate rules and everything else untouched", () => {
    const fast = ZPlaybook.parse(compressPlaybook(playbook, 10));
    const original = ZPlaybook.parse(playbook);
    expect(fast.escalationThresholds).toEqual(original.escalationThresholds);
    expect(fast.goNoGoQuestions).toEqual(original.goNoGoQuestions);
    expect(fast.decisionTrees).toEqual(original.decisionTrees);
  });
});

describe("compressedDuration", () => {
  it("reads in seconds below a minute, then minutes and seconds", () => {
    expect(compressedDuration(5, 10)).toBe("30 s");
    expect(compressedDuration(5, 60)).toBe("5 s");
    expect(compressedDuration(15, 10)).toBe("1 min 30 s");
    expect(compressedDuration(20, 10)).toBe("2 min");
  });
});

describe("ZTimeScale", () => {
  it("takes whole factors from 1 to 60 (form values are strings)", () => {
    expect(ZTimeScale.parse("30")).toBe(30);
    expect(ZTimeScale.safeParse(0).success).toBe(false);
    expect(ZTimeScale.safeParse(61).success).toBe(false);
    expect(ZTimeScale.safeParse(2.5).success).toBe(false);
  });
});
