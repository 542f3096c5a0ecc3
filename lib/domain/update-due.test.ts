import { describe, expect, it } from "vitest";
import { cadenceMinutes, updateDue } from "./update-due";

const T0 = "2025-11-03T12:00:00.000Z";
const at = (minutes: number, seconds = 0) => new Date(Date.parse(T0) + minutes * 60_000 + seconds * 1000);
const iso = (minutes: number) => at(minutes).toISOString();
const base = { status: "staging" as const, startedAt: T0, announcements: [], intervalMinutes: 30 };

describe("cadenceMinutes", () => {
  it("reads the runbook's cadence, and falls back to 30", () => {
    expect(cadenceMinutes("every 30 minutes")).toBe(30);
    expect(cadenceMinutes("Every 15 min")).toBe(15);
    expect(cadenceMinutes("1 hour before")).toBe(30);
    expect(cadenceMinutes(undefined)).toBe(30);
  });
});

describe("updateDue", () => {
  it("counts 30 minutes from the start, due exactly at 30:00 and overdue one second later", () => {
    expect(updateDue(base, at(10))).toMatchObject({ kind: "upcoming", remainingMs: 20 * 60_000, lastPostedAt: null });
    expect(updateDue(base, at(30))).toMatchObject({ kind: "upcoming", remainingMs: 0 });
    expect(updateDue(base, at(30, 1))).toMatchObject({ kind: "overdue", overdueMs: 1000 });
  });

  it("restarts from the latest in-progress update; other announcements do not count", () => {
    const announcements = [
      { templateKey: "in_progress", postedAt: iso(25) },
      { templateKey: "in_progress", postedAt: iso(50) },
      { templateKey: "pre_deployment", postedAt: iso(70) },
    ];
    const due = updateDue({ ...base, announcements }, at(75));
    expect(due).toMatchObject({ kind: "upcoming", remainingMs: 5 * 60_000 });
    expect(due?.dueAt.toISOString()).toBe(iso(80));
    expect(due?.lastPostedAt?.toISOString()).toBe(iso(50));
  });

  it("ignores updates from before the run (re)started", () => {
    expect(updateDue({ ...base, announcements: [{ templateKey: "in_progress", postedAt: iso(-10) }] }, at(31))).toMatchObject({ kind: "overdue" });
  });

  it("stops once the deployment is announced complete or rolled back, and outside a running deployment", () => {
    expect(updateDue({ ...base, status: "monitoring", announcements: [{ templateKey: "complete", postedAt: iso(200) }] }, at(300))).toBeNull();
    expect(updateDue({ ...base, announcements: [{ templateKey: "rollback", postedAt: iso(20) }] }, at(60))).toBeNull();
    for (const status of ["planned", "rescheduled", "completed", "rolled_back", "aborted"] as const) expect(updateDue({ ...base, status }, at(60))).toBeNull();
    expect(updateDue({ ...base, startedAt: null }, at(60))).toBeNull();
  });
});
