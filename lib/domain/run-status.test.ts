import { describe, expect, it, vi } from "vitest";
import {
  checkTransition,
  FORWARD_FLOW,
  PHASE_OF_STATUS,
  RUN_STATUSES,
  type TGate,
  type TPhaseGate,
  type TRunStatus,
  type TTransitionContext,
} from "./run-status";
import type { TPhaseKey } from "./template-definition";

const ALL_PHASE_KEYS: TPhaseKey[] = [
  "pre_deployment",
  "staging",
  "smoke_testing",
  "production",
  "validation",
  "post_deployment",
];

function phase(key: TPhaseKey, missingRequired: string[] = [], title = `Phase ${key}`): TPhaseGate {
  return { key, title, missingRequired };
}

/** Every phase present and complete. */
const completePhases = (): TPhaseGate[] => ALL_PHASE_KEYS.map((k) => phase(k));

/** A context under which every legal move is allowed: complete phases and a reason. */
const permissive = (): TTransitionContext => ({ phases: completePhases(), reason: "Planned maintenance window" });

/**
 * The expected table, written out by hand: for each `from`, the exact set of `to` that are legal.
 * Anything not listed is illegal.
 */
const LEGAL: Record<TRunStatus, TRunStatus[]> = {
  planned: ["pre_deployment", "rescheduled", "aborted"],
  pre_deployment: ["staging", "rescheduled", "aborted"],
  staging: ["smoke_tests", "rescheduled", "aborted"],
  smoke_tests: ["go_no_go", "rescheduled", "aborted"],
  go_no_go: ["production", "rescheduled", "aborted"],
  production: ["validation", "rolled_back", "aborted"],
  validation: ["monitoring", "rolled_back", "aborted"],
  monitoring: ["completed", "rolled_back", "aborted"],
  completed: [],
  rolled_back: [],
  rescheduled: ["planned", "aborted"],
  aborted: [],
};

describe("checkTransition: full status matrix", () => {
  it("the expected table covers every status", () => {
    expect(Object.keys(LEGAL).sort()).toEqual([...RUN_STATUSES].sort());
    // 8 forward steps + 9 aborts + 3 rollbacks + 5 reschedules + 1 back to planned
    expect(Object.values(LEGAL).flat()).toHaveLength(26);
  });

  const pairs = RUN_STATUSES.flatMap((from) => RUN_STATUSES.map((to) => [from, to] as const));
  it("has 144 pairs", () => expect(pairs).toHaveLength(RUN_STATUSES.length ** 2));

  it.each(pairs)("%s → %s", (from, to) => {
    const result = checkTransition(from, to, permissive());
    const expectedLegal = LEGAL[from].includes(to);
    expect(result.ok).toBe(expectedLegal);
    if (!result.ok) {
      expect(result.reason.trim().length).toBeGreaterThan(10);
      expect(result.reason).toMatch(/[.]$/);
    }
  });

  it("each step of FORWARD_FLOW is legal and matches the table", () => {
    for (let i = 0; i < FORWARD_FLOW.length - 1; i++) {
      const from = FORWARD_FLOW[i];
      const to = FORWARD_FLOW[i + 1];
      expect(LEGAL[from]).toContain(to);
      expect(checkTransition(from, to, { phases: completePhases() })).toEqual({ ok: true });
    }
  });
});

describe("checkTransition: refusal reasons", () => {
  it("staying put says the run is already there", () => {
    const r = checkTransition("staging", "staging", permissive());
    expect(r).toEqual({ ok: false, reason: "The run is already staging." });
  });

  it.each(["completed", "rolled_back", "aborted"] as const)("nothing leaves %s", (from) => {
    for (const to of RUN_STATUSES) {
      if (to === from) continue;
      const r = checkTransition(from, to, permissive());
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain("cannot change any more");
    }
  });

  it("skipping ahead names the only allowed next status", () => {
    const r = checkTransition("planned", "staging", permissive());
    expect(r).toEqual({ ok: false, reason: "From Planned the run can only move to Pre-deployment." });
  });

  it("skipping from go/no-go straight to completed is refused", () => {
    const r = checkTransition("go_no_go", "completed", permissive());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("can only move to Production rollout");
  });

  it("moving backwards is refused", () => {
    const r = checkTransition("validation", "production", permissive());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe("From Validation the run can only move to Monitoring.");
  });

  it("rolling back before production says to abort or reschedule instead", () => {
    const r = checkTransition("go_no_go", "rolled_back", permissive());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain("Nothing has reached production yet");
      expect(r.reason).toMatch(/abort or reschedule/);
    }
  });

  it("rescheduling after production started says to roll back", () => {
    const r = checkTransition("production", "rescheduled", permissive());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("roll back instead of rescheduling");
  });

  it("a rescheduled run must go back to planned first", () => {
    const r = checkTransition("rescheduled", "pre_deployment", permissive());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("goes back to planned first");
  });
});

describe("checkTransition: abort and rollback need a reason", () => {
  const noReasons: (string | undefined)[] = [undefined, "", "   ", "\n\t "];

  it.each(noReasons)("abort with reason %j is refused", (reason) => {
    const r = checkTransition("staging", "aborted", { phases: completePhases(), reason });
    expect(r).toEqual({ ok: false, reason: "Aborting needs a reason." });
  });

  it.each(noReasons)("rollback with reason %j is refused", (reason) => {
    const r = checkTransition("production", "rolled_back", { phases: completePhases(), reason });
    expect(r).toEqual({ ok: false, reason: "Rolling back needs a reason." });
  });

  it("abort with a reason is allowed from every non-terminal status", () => {
    for (const from of RUN_STATUSES) {
      if (["completed", "rolled_back", "aborted"].includes(from)) continue;
      expect(checkTransition(from, "aborted", { phases: [], reason: "Customer escalation" })).toEqual({ ok: true });
    }
  });

  it("abort ignores incomplete phases", () => {
    const r = checkTransition("staging", "aborted", {
      phases: [phase("staging", ["Deploy to staging"])],
      reason: "Broken build",
    });
    expect(r).toEqual({ ok: true });
  });

  it("rollback ignores incomplete phases", () => {
    const r = checkTransition("production", "rolled_back", {
      phases: [phase("production", ["Switch traffic"])],
      reason: "Error rate spiked",
    });
    expect(r).toEqual({ ok: true });
  });

  it("forward moves do not need a reason", () => {
    expect(checkTransition("planned", "pre_deployment", { phases: [] })).toEqual({ ok: true });
  });
});

describe("checkTransition: leaving a phase with open required items", () => {
  it("refuses, naming the phase and using the singular for 1 item", () => {
    const r = checkTransition("staging", "smoke_tests", {
      phases: [phase("staging", ["Deploy to staging"], "Staging")],
    });
    expect(r).toEqual({
      ok: false,
      reason: "Staging is not complete: 1 required item is still open (Deploy to staging).",
    });
  });

  it("uses the plural for 2 items and lists both", () => {
    const r = checkTransition("pre_deployment", "staging", {
      phases: [phase("pre_deployment", ["Backup DB", "Notify team"], "Pre-deployment")],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain("Pre-deployment is not complete");
      expect(r.reason).toContain("2 required items are still open");
      expect(r.reason).toContain("(Backup DB; Notify team)");
      expect(r.reason).not.toContain("…");
    }
  });

  it("lists exactly 3 items without an ellipsis", () => {
    const r = checkTransition("production", "validation", {
      phases: [phase("production", ["A", "B", "C"], "Production")],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain("3 required items are");
      expect(r.reason).toContain("(A; B; C)");
      expect(r.reason).not.toContain("…");
    }
  });

  it("truncates the list after 3 items with an ellipsis, but counts all of them", () => {
    const r = checkTransition("validation", "monitoring", {
      phases: [phase("validation", ["A", "B", "C", "D", "E"], "Validation")],
    });
    expect(r).toEqual({
      ok: false,
      reason: "Validation is not complete: 5 required items are still open (A; B; C; …).",
    });
    if (!r.ok) expect(r.reason).not.toContain("D");
  });

  it.each(Object.entries(PHASE_OF_STATUS) as [TRunStatus, TPhaseKey][])(
    "leaving %s checks phase %s",
    (status, key) => {
      const to = FORWARD_FLOW[FORWARD_FLOW.indexOf(status) + 1];
      const r = checkTransition(status, to, { phases: [phase(key, ["Open item"], "The phase")] });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain("The phase is not complete");
    },
  );

  it("only looks at the phase being left, not the others", () => {
    const phases = completePhases().map((p) => (p.key === "staging" ? p : { ...p, missingRequired: ["x"] }));
    expect(checkTransition("staging", "smoke_tests", { phases })).toEqual({ ok: true });
  });

  it("leaving planned (no phase) ignores phases", () => {
    const phases = ALL_PHASE_KEYS.map((k) => phase(k, ["open"]));
    expect(checkTransition("planned", "pre_deployment", { phases })).toEqual({ ok: true });
  });

  it("leaving go_no_go (no phase) ignores phases, even all incomplete", () => {
    const phases = ALL_PHASE_KEYS.map((k) => phase(k, ["open 1", "open 2"]));
    expect(checkTransition("go_no_go", "production", { phases })).toEqual({ ok: true });
  });
});

describe("checkTransition: gates", () => {
  it("a gate returning a string refuses with exactly that string", () => {
    const gate: TGate = () => "The go/no-go poll has not passed yet.";
    const r = checkTransition("go_no_go", "production", { phases: [], gates: [gate] });
    expect(r).toEqual({ ok: false, reason: "The go/no-go poll has not passed yet." });
  });

  it("a gate returning null allows", () => {
    const gate = vi.fn<TGate>(() => null);
    const r = checkTransition("go_no_go", "production", { phases: [], gates: [gate] });
    expect(r).toEqual({ ok: true });
    expect(gate).toHaveBeenCalledWith("go_no_go", "production");
  });

  it("all gates are consulted in order; the first refusal wins", () => {
    const calls: string[] = [];
    const gates: TGate[] = [
      () => (calls.push("a"), null),
      () => (calls.push("b"), "Refused by b."),
      () => (calls.push("c"), "Refused by c."),
    ];
    const r = checkTransition("staging", "smoke_tests", { phases: completePhases(), gates });
    expect(r).toEqual({ ok: false, reason: "Refused by b." });
    expect(calls).toEqual(["a", "b"]);
  });

  it("the gate is not consulted for aborted", () => {
    const gate = vi.fn<TGate>(() => "Never abort.");
    const r = checkTransition("go_no_go", "aborted", { phases: [], gates: [gate], reason: "Poll said no" });
    expect(r).toEqual({ ok: true });
    expect(gate).not.toHaveBeenCalled();
  });

  it("the gate is not consulted when the move is already illegal", () => {
    const gate = vi.fn<TGate>(() => null);
    const r = checkTransition("planned", "completed", { phases: [], gates: [gate] });
    expect(r.ok).toBe(false);
    expect(gate).not.toHaveBeenCalled();
  });

  it("an incomplete phase is reported before the gate is asked", () => {
    const gate = vi.fn<TGate>(() => "Gate says no.");
    const r = checkTransition("smoke_tests", "go_no_go", {
      phases: [phase("smoke_testing", ["Login works"], "Smoke testing")],
      gates: [gate],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("Smoke testing is not complete");
    expect(gate).not.toHaveBeenCalled();
  });
});
