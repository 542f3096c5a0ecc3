// A runbook message's [PLACEHOLDERS] → the {{fields}} a live run fills.
import { describe, expect, it } from "vitest";
import { COMMS_FIELDS } from "../comms-fields";
import { fillPlaceholders, PLACEHOLDER_RULES } from "./placeholders";

describe("filling a message's placeholders", () => {
  it("reads the same placeholder by its line: [NAME] is the current phase, then the next one", () => {
    const { body, unknown } = fillPlaceholders("Current Phase: [NAME]\nNext Phase: [NAME] in ~[X] minutes\nMetrics: All green ✅");
    expect(body).toBe("Current Phase: {{currentPhase}}\nNext Phase: {{nextPhase}} in ~{{minutesToNextPhase}} minutes\nMetrics: {{metricsLine}}");
    expect(unknown).toEqual([]);
  });

  it("tells two durations apart by what they say", () => {
    expect(fillPlaceholders("Duration: [X hours Y minutes]\nDuration: Expected [X] minutes").body).toBe(
      "Duration: {{durationHours}} hours {{durationMinutes}} minutes\nDuration: Expected {{expectedRollbackMinutes}} minutes",
    );
  });

  it("fills line-free placeholders anywhere, and leaves a known one on a line it does not belong to", () => {
    const { body, unknown } = fillPlaceholders("Deploying [SERVICE NAME] [VERSION]\nOwner: [NAME]\nSee [docs](https://x)");
    expect(body).toBe("Deploying {{service}} {{version}}\nOwner: [NAME]\nSee [docs](https://x)");
    expect(unknown).toEqual([{ lineIndex: 1, line: "Owner: [NAME]", placeholders: ["[NAME]"] }]);
  });

  it("only ever names fields a live run knows", () => {
    const keys = new Set<string>(COMMS_FIELDS.map((f) => f.key));
    const used = PLACEHOLDER_RULES.flatMap((r) => [...r.becomes.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]));
    expect(used.filter((k) => !keys.has(k))).toEqual([]);
    expect(used.length).toBeGreaterThanOrEqual(PLACEHOLDER_RULES.length);
  });
});
