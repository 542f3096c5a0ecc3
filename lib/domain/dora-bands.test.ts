import { describe, expect, it } from "vitest";
import { changeFailureRateBand, deploymentFrequencyBand, DORA_REPORT_YEAR, leadTimeBand, recoveryTimeBand } from "./dora-bands";

const DAY = 24 * 60;

describe("DORA bands (2024 report)", () => {
  it("cites 2024", () => expect(DORA_REPORT_YEAR).toBe(2024));
  it("deployment frequency: daily is Elite, weekly High, monthly Medium, rarer Low", () => {
    expect([7, 6.9, 1, 0.99, 12 / 52, 0.2, 0].map(deploymentFrequencyBand)).toEqual(["elite", "high", "high", "medium", "medium", "low", "low"]);
  });
  it("lead time: under a day Elite, up to a week High, up to 30 days Medium", () => {
    expect([DAY - 1, DAY, 7 * DAY, 7 * DAY + 1, 30 * DAY, 30 * DAY + 1].map(leadTimeBand)).toEqual(["elite", "high", "high", "medium", "medium", "low"]);
  });
  it("change failure rate: 5% Elite, 20% High, under 40% Medium, 40% Low", () => {
    expect([0, 0.05, 0.051, 0.2, 0.21, 0.399, 0.4, 1].map(changeFailureRateBand)).toEqual(["elite", "elite", "high", "high", "medium", "medium", "low", "low"]);
  });
  it("recovery: under an hour Elite, under a day High, under a week Medium", () => {
    expect([59, 60, DAY - 1, DAY, 7 * DAY - 1, 7 * DAY].map(recoveryTimeBand)).toEqual(["elite", "high", "high", "medium", "medium", "low"]);
  });
});
