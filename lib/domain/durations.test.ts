import { describe, expect, it } from "vitest";
import { formatBudget } from "./durations";

describe("formatBudget", () => {
  it("shows a single budget once", () => expect(formatBudget(15, 15)).toBe("15 min"));
  it("shows a range with an en dash", () => expect(formatBudget(30, 45)).toBe("30–45 min"));
  it("uses hours when both ends are whole hours", () => expect(formatBudget(360, 480)).toBe("6–8 h"));
  it("keeps minutes when one end is not a whole hour", () => expect(formatBudget(60, 90)).toBe("60–90 min"));
});
