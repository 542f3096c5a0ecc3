// The template editor's commands on real PostgreSQL: copying, saving, refusals that write nothing,
// and the promise that matters most on the day: a run keeps its own copy whatever the template becomes.
import { beforeAll, describe, expect, it } from "vitest";
import { dbChangesSince, dbMark, watchDbChanges } from "../../e2e/support/db-changes";
import { makeRun, makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import type { TTemplateDraft } from "../domain/template-draft";
import { addItem, moveItem, removeItem, updateItem, updatePhase, updateRolloutStep } from "../domain/template-edits";
import { AppError, ERROR_STATUS } from "../errors";
import { createDataSource } from "../datasources/commands";
import { defaultPromql } from "../domain/promql-defaults";
import { ensureRules } from "../metrics/rules";
import { seedDefaultTemplate } from "./seed";
import { copyTemplate, saveTemplate } from "./edit-commands";
import { getTemplateForEditor } from "./editor-queries";

useTestDatabase("template_editor");

let team: Record<TRole, TActor>;
let seedId: string;
beforeAll(async () => {
  await watchDbChanges();
  team = await makeTeam();
  await seedDefaultTemplate();
  seedId = (await db().template.findFirstOrThrow({ where: { isDefault: true } })).id;
});

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  return promise.then(
    () => ({ code: "ok", message: "" }),
    (e: unknown) => (e instanceof AppError ? { code: e.code, message: e.message } : { code: `unexpected: ${String(e)}`, message: "" }),
  );
}

/** The refusal, and proof that nothing at all was written while refusing. */
async function refusedWithoutWrites(call: () => Promise<unknown>) {
  const mark = await dbMark();
  const result = await refusal(call());
  expect(await dbChangesSince(mark)).toEqual([]);
  return result;
}

let copies = 0;
async function freshCopy(): Promise<{ id: string; draft: TTemplateDraft }> {
  const { id } = await copyTemplate(team.lead, { templateId: seedId, name: `Hotfix day ${++copies}` });
  return { id, draft: (await getTemplateForEditor(id))!.draft };
}

/** A run's checklist as text, phase › section › item, plus its questions: what the war room shows. */
async function runChecklist(runId: string) {
  const run = await db().run.findUniqueOrThrow({
    where: { id: runId },
    include: { phases: { orderBy: { position: "asc" }, include: { sections: { orderBy: { position: "asc" }, include: { items: { orderBy: { position: "asc" } } } } } } },
  });
  return {
    tree: run.phases.map((p) => `${p.title}: ${p.sections.map((s) => `${s.title} [${s.items.map((i) => i.text).join(" | ")}]`).join("; ")}`),
    playbook: run.playbook,
  };
}

describe("copying a template", () => {
  it("makes an editable copy with the same tree and playbook, leaving the seed alone", async () => {
    const before = await getTemplateForEditor(seedId);
    const { id, draft } = await freshCopy();
    const copy = await db().template.findUniqueOrThrow({ where: { id } });
    expect(copy).toMatchObject({ key: null, isDefault: false, version: 0 });
    const strip = (d: TTemplateDraft) => JSON.stringify({ ...d, name: "" });
    expect(strip(draft)).toBe(strip(before!.draft));
    expect(copy.playbook).toEqual((await db().template.findUniqueOrThrow({ where: { id: seedId } })).playbook);
    expect((await getTemplateForEditor(id))!.isBuiltIn).toBe(false);
    expect(await getTemplateForEditor(seedId)).toEqual(before);
  });

  it("refuses a name already taken (any case), an empty name and a missing template, writing nothing", async () => {
    expect(await refusedWithoutWrites(() => copyTemplate(team.lead, { templateId: seedId, name: "deployment DAY" }))).toEqual({
      code: "conflict",
      message: "A template named “deployment DAY” already exists: choose another name.",
    });
    expect(await refusedWithoutWrites(() => copyTemplate(team.lead, { templateId: seedId, name: "  " }))).toMatchObject({ code: "invalid_input", message: "name: Name the copy" });
    expect(await refusedWithoutWrites(() => copyTemplate(team.lead, { templateId: "nope", name: "X" }))).toMatchObject({ code: "not_found" });
  });

  it("is for leads and admins only", async () => {
    for (const role of ["member", "viewer"] as const) {
      expect(await refusedWithoutWrites(() => copyTemplate(team[role], { templateId: seedId, name: `By ${role}` }))).toMatchObject({ code: "forbidden" });
    }
    expect(await refusal(copyTemplate(team.admin, { templateId: seedId, name: "Admin's copy" }))).toMatchObject({ code: "ok" });
  });
});

describe("saving a template", () => {
  it("stores the edited tree, questions and rules, and bumps the version", async () => {
    const { id, draft } = await freshCopy();
    let edited = updatePhase(draft, 1, (p) => ({ ...p, title: "Staging (blue/green)" }));
    edited = addItem(edited, 1, 0);
    const last = edited.phases[1].sections[0].items.length - 1;
    edited = updateItem(edited, 1, 0, last, { text: "Warm the caches", command: "make warm", required: false });
    edited = moveItem(edited, 1, 0, last, -1);
    edited = removeItem(edited, 0, 0, 0);
    edited = { ...edited, goNoGoQuestions: edited.goNoGoQuestions.map((q, i) => (i === 0 ? { ...q, text: "Ship it?" } : q)) };
    edited = { ...edited, rules: { ...edited.rules, rollbackTriggers: edited.rules.rollbackTriggers.map((r, i) => (i === 0 ? { ...r, value: 7 } : r)) } };

    expect(await saveTemplate(team.lead, { templateId: id, version: 0, draft: edited })).toEqual({ id, version: 1 });
    const stored = (await getTemplateForEditor(id))!;
    expect(stored.version).toBe(1);
    const { nextUid: _a, ...storedRest } = stored.draft;
    const { nextUid: _b, ...editedRest } = edited;
    // Same content (uids are renumbered on reading).
    const noUids = (value: unknown) => JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === "uid" ? undefined : v)));
    expect(noUids(storedRest)).toEqual(noUids(editedRest));
    const items = stored.draft.phases[1].sections[0].items;
    expect(items.at(-2)).toMatchObject({ text: "Warm the caches", command: "make warm", required: false });
    const playbook = (await db().template.findUniqueOrThrow({ where: { id } })).playbook as { rollbackTriggers: { value: number }[]; decisionTrees: unknown[] };
    expect(playbook.rollbackTriggers[0].value).toBe(7);
    expect(playbook.decisionTrees.length).toBeGreaterThan(0);
  });

  it("refuses an invalid draft with messages naming the place, writing nothing", async () => {
    const { id, draft } = await freshCopy();
    const broken = updateItem(addItem(draft, 1, 0), 1, 0, 0, { text: " " });
    const bad = { ...broken, rules: { ...broken.rules, rollbackTriggers: broken.rules.rollbackTriggers.map((r, i) => (i === 0 ? { ...r, comparator: "=" } : r)) } };
    const result = await refusedWithoutWrites(() => saveTemplate(team.lead, { templateId: id, version: 0, draft: bad }));
    expect(result.code).toBe("invalid_input");
    expect(result.message).toMatch(/^Phase 2 “.+” › section “.+” › item 1: text is required; Phase 2 “.+” › section “.+” › item \d+: text is required; Rollback triggers › rule 1 “.+”: the comparison must be one of > >= < <=$/);
    const noPhases = { ...draft, phases: [] };
    expect(await refusedWithoutWrites(() => saveTemplate(team.lead, { templateId: id, version: 0, draft: noPhases }))).toEqual({
      code: "invalid_input",
      message: "The template needs at least one phase",
    });
  });

  it("refuses garbage as invalid input, never as a crash", async () => {
    const { id, draft } = await freshCopy();
    for (const input of [null, "x", { templateId: id }, { templateId: id, version: 0, draft: { ...draft, phases: "all" } }, { templateId: id, version: -1, draft }]) {
      expect(await refusedWithoutWrites(() => saveTemplate(team.lead, input))).toMatchObject({ code: "invalid_input" });
    }
  });

  it("refuses a stale version, the built-in template, a taken name, and members and viewers", async () => {
    const { id, draft } = await freshCopy();
    await saveTemplate(team.lead, { templateId: id, version: 0, draft });
    expect(await refusedWithoutWrites(() => saveTemplate(team.admin, { templateId: id, version: 0, draft }))).toMatchObject({ code: "conflict" });
    const seedDraft = (await getTemplateForEditor(seedId))!.draft;
    expect(await refusedWithoutWrites(() => saveTemplate(team.admin, { templateId: seedId, version: 0, draft: seedDraft }))).toEqual({
      code: "forbidden",
      message: "“Deployment Day” is built in: copy it and edit the copy.",
    });
    expect(await refusedWithoutWrites(() => saveTemplate(team.lead, { templateId: id, version: 1, draft: { ...draft, name: "Deployment Day" } }))).toMatchObject({ code: "conflict" });
    for (const role of ["member", "viewer"] as const) {
      expect(await refusedWithoutWrites(() => saveTemplate(team[role], { templateId: id, version: 1, draft }))).toMatchObject({ code: "forbidden" });
    }
  });
});

describe("the rollout steps", () => {
  it("are saved as edited, and a new run steps through them", async () => {
    const { id, draft } = await freshCopy();
    let edited = updateRolloutStep(draft, 0, { percent: 5, label: "Tiny canary", greenMinutes: 10 });
    edited = updateRolloutStep(edited, 1, { percent: 25 });
    // Items tied to the old 10% and 50% checkpoints follow them to their new percents.
    edited = {
      ...edited,
      phases: edited.phases.map((p) => ({
        ...p,
        sections: p.sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, metricLink: i.metricLink.replace(/^checkpoint:10$/, "checkpoint:5").replace(/^checkpoint:50$/, "checkpoint:25") })) })),
      })),
    };
    await saveTemplate(team.lead, { templateId: id, version: 0, draft: edited });
    const run = await makeRun(team.lead, { templateId: id });
    const steps = ((await db().run.findUniqueOrThrow({ where: { id: run.id } })).playbook as { rolloutSteps: unknown[] }).rolloutSteps;
    expect(steps).toEqual([
      { percent: 5, label: "Tiny canary", greenMinutes: 10, checkpoint: "Canary metrics green (10 minutes)" },
      { percent: 25, label: "Progressive 50%", greenMinutes: 2, checkpoint: "50% metrics green (2 minutes)" },
      { percent: 100, label: "Full rollout", greenMinutes: 5, checkpoint: "Full metrics green (5 minutes)" },
    ]);
  });

  it("are refused out of order or short of 100% with a 422 naming the step and field, writing nothing", async () => {
    const { id, draft } = await freshCopy();
    const backwards = updateRolloutStep(updateRolloutStep(draft, 1, { percent: 5 }), 2, { percent: 90 });
    const error = await saveTemplate(team.lead, { templateId: id, version: 0, draft: backwards }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(ERROR_STATUS[(error as AppError).code]).toBe(422);
    const problems = (error as AppError).details as { path: string; message: string }[];
    expect(problems.filter((p) => p.path.startsWith("rolloutSteps")).map((p) => p.path)).toEqual(["rolloutSteps.1.percent", "rolloutSteps.2.percent"]);
    expect((error as AppError).message).toContain("Rollout step 2 “Progressive 50%”: 5% must be more than step 1's 10%");
    expect(problems.map((p) => p.message)).toContain("Rollout step 3 “Full rollout”: the last step must send 100% of traffic (it is 90%)");
    expect(await refusedWithoutWrites(() => saveTemplate(team.lead, { templateId: id, version: 0, draft: backwards }))).toMatchObject({ code: "invalid_input" });
  });
});

describe("a run and its template", () => {
  it("keeps the run's own copy when the template is edited; a new run gets the edit", async () => {
    const { id, draft } = await freshCopy();
    const run = await makeRun(team.lead, { templateId: id });
    const before = await runChecklist(run.id);

    const edited = updatePhase(removeItem(draft, 0, 0, 0), 0, (p) => ({ ...p, title: "Before anything" }));
    const asked = { ...edited, goNoGoQuestions: [{ uid: "q", text: "Only question?" }] };
    await saveTemplate(team.lead, { templateId: id, version: 0, draft: asked });

    expect(await runChecklist(run.id)).toEqual(before);
    const next = await runChecklist((await makeRun(team.lead, { templateId: id })).id);
    expect(next.tree[0]).toMatch(/^Before anything: /);
    expect((next.playbook as { goNoGoQuestions: string[] }).goNoGoQuestions).toEqual(["Only question?"]);
    expect(next.tree).not.toEqual(before.tree);
  });

  it("gives a run one version of its template, never a mix, when saves and new runs race", async () => {
    const { id, draft } = await freshCopy();
    const marked = (n: number) => ({
      ...updatePhase(draft, 0, (p) => ({ ...p, title: `Version ${n}` })),
      goNoGoQuestions: [{ uid: "q", text: `Question of version ${n}?` }],
    });
    // One lead saves version after version while others keep starting runs from the template.
    let isSaving = true;
    const saving = (async () => {
      for (let n = 0; n < 12; n++) await saveTemplate(team.lead, { templateId: id, version: n, draft: marked(n + 1) });
      isSaving = false;
    })();
    const runs: string[] = [];
    const starting = Promise.all(
      Array.from({ length: 3 }, async () => {
        while (isSaving) runs.push((await makeRun(team.lead, { templateId: id })).id);
      }),
    );
    await Promise.all([saving, starting]);
    expect(runs.length).toBeGreaterThan(3);
    for (const runId of runs) {
      const { tree, playbook } = await runChecklist(runId);
      const version = /^(Version \d+|[^:]+):/.exec(tree[0])![1];
      const question = (playbook as { goNoGoQuestions: string[] }).goNoGoQuestions[0];
      if (version.startsWith("Version ")) expect(question).toBe(`Question of v${version.slice(1)}?`);
      else expect(question).not.toMatch(/^Question of version/);
    }
  });

  it("saves a rule's PromQL source, which the template's new runs copy; a removed data source is refused by name", async () => {
    const { id, draft } = await freshCopy();
    const source = await createDataSource(team.admin, { name: "prod-prometheus", url: "http://127.0.0.1:9", authKind: "none", timeoutMs: 3000, stageLabel: { label: "track", values: { staging: "staging", canary: "canary", production: "stable" } } });
    const query = defaultPromql("error_rate")!.query;
    const onPrometheus = (dataSourceId: string): TTemplateDraft => ({
      ...draft,
      rules: { ...draft.rules, rollbackTriggers: draft.rules.rollbackTriggers.map((r, i) => (i === 0 ? { ...r, sourceKind: "promql", dataSourceId, query } : r)) },
    });
    const missing = await refusedWithoutWrites(() => saveTemplate(team.lead, { templateId: id, version: 0, draft: onPrometheus("gone") }));
    expect(missing).toEqual({ code: "invalid_input", message: "Rollback triggers › rule 1 “Error rate > 5% sustained (5 minutes)”: its data source no longer exists: choose another" });
    await saveTemplate(team.lead, { templateId: id, version: 0, draft: onPrometheus(source.id) });

    const run = await makeRun(team.lead, { templateId: id });
    const rows = await db().$transaction((tx) => ensureRules(tx, run.id, run.playbook));
    expect(rows.find((r) => r.label === "Error rate > 5% sustained (5 minutes)")).toMatchObject({ promql: query, dataSourceId: source.id });
    expect(rows.filter((r) => r.promql === null)).toHaveLength(rows.length - 1);
  });
});
