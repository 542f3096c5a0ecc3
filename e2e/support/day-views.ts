// The three screens of a deployment day and the check that they tell the same story: the war room
// (a lead's browser), the bridge (the TV on the call) and a stakeholder's status link. Each screen is
// read in one go from its DOM (a consistent snapshot, never half an update), reduced to the facts all
// of them show, and compared until they agree: live updates arrive a moment apart, so the check waits
// for agreement rather than sampling once.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { STAGE_WORDS } from "../../lib/domain/public-status";
import type { TRunStatus } from "../../lib/domain/run-status";

export type TViews = { warRoom: Page; bridge: Page; status: Page };

/** What every screen shows: status, phase under way with its progress, overall progress, light, rollout. */
export type TViewFacts = {
  status: string | null;
  phase: string | null;
  /** "X of Y" for the phase under way. */
  phaseProgress: string | null;
  /** "X of Y" for the whole checklist. */
  progress: string | null;
  light: string | null;
  rollout: number | null;
};

type TRaw = Record<keyof TViewFacts, string | null>;

const xOfY = (text: string | null) => {
  const match = text && /(\d+)\s*of\s*(\d+)/.exec(text);
  return match ? `${match[1]} of ${match[2]}` : null;
};
const percent = (text: string | null) => (text && /^\d+%$/.test(text.trim()) ? Number.parseInt(text, 10) : null);
const facts = (raw: TRaw): TViewFacts => ({
  status: raw.status,
  phase: raw.phase,
  phaseProgress: xOfY(raw.phaseProgress),
  progress: xOfY(raw.progress),
  light: raw.light,
  rollout: percent(raw.rollout),
});

export async function readWarRoom(page: Page): Promise<TViewFacts> {
  return facts(
    await page.evaluate(() => {
      const q = (selector: string) => document.querySelector<HTMLElement>(selector);
      const text = (selector: string) => q(selector)?.textContent?.trim() ?? null;
      const current = '[data-testid="run-phase"][data-current="true"]';
      return {
        status: q('[data-testid="run-status"]')?.dataset.status ?? null,
        phase: text(`${current} [data-testid="phase-title"]`),
        phaseProgress: text(`${current} [data-testid="phase-progress"]`),
        progress: text('[data-testid="run-progress"]'),
        light: q('[data-testid="run-status-light"]')?.dataset.state ?? null,
        rollout: text('[data-testid="rollout-percent"]'),
      };
    }),
  );
}

export async function readBridge(page: Page): Promise<TViewFacts> {
  return facts(
    await page.evaluate(() => {
      const q = (selector: string) => document.querySelector<HTMLElement>(selector);
      const text = (selector: string) => q(selector)?.textContent?.trim() ?? null;
      return {
        status: q('[data-testid="bridge-run-status"]')?.dataset.status ?? null,
        phase: text('[data-testid="bridge-phase-title"]'),
        phaseProgress: text('[data-testid="bridge-phase-progress"]'),
        progress: text('[data-testid="bridge-progress"]'),
        light: q('[data-testid="bridge-status-light"]')?.dataset.state ?? null,
        rollout: text('[data-testid="bridge-rollout-percent"]'),
      };
    }),
  );
}

const STATUS_OF_STAGE = new Map(Object.entries(STAGE_WORDS).map(([status, word]) => [word, status]));

export async function readStatusPage(page: Page): Promise<TViewFacts> {
  const raw = await page.evaluate(() => {
    const q = (selector: string) => document.querySelector<HTMLElement>(selector);
    const text = (selector: string) => q(selector)?.textContent?.trim() ?? null;
    return {
      // A finished run's light says its stage as its word, once (no stage line below it).
      stage: text('[data-testid="status-stage"]') ?? text('[data-testid="status-light-word"]'),
      phase: text('[data-testid="status-phase"] dd'),
      progress: text('[data-testid="status-progress"] dd'),
      light: q('[data-testid="status-light"]')?.dataset.state ?? null,
      rollout: text('[data-testid="status-rollout"] dd'),
    };
  });
  // "Staging DeploymentPhase 2 of 6 · 3 of 5 steps done", or only the stage word between phases.
  const phase = raw.phase ? /^(.*?)Phase \d+ of \d+ · (\d+ of \d+) steps done/.exec(raw.phase) : null;
  return facts({
    status: (raw.stage && STATUS_OF_STAGE.get(raw.stage)) ?? null,
    phase: phase?.[1] ?? null,
    phaseProgress: phase?.[2] ?? null,
    progress: raw.progress,
    light: raw.light,
    rollout: raw.rollout,
  });
}

const pick = (f: TViewFacts, keys: (keyof TViewFacts)[]) => Object.fromEntries(keys.map((k) => [k, f[k]]));

/** Which facts each screen shows in this status (the bridge gives go/no-go the whole screen; a stakeholder sees traffic only once it flows). */
function shownOn(view: "bridge" | "status", status: TRunStatus): (keyof TViewFacts)[] {
  if (view === "bridge") return status === "go_no_go" ? ["light"] : ["status", "phase", "phaseProgress", "progress", "light", "rollout"];
  const hasRollout = ["production", "validation", "monitoring", "completed"].includes(status);
  return ["status", "phase", "phaseProgress", "progress", "light", ...(hasRollout ? (["rollout"] as const) : [])];
}

/**
 * Waits until the war room shows `expected`, then until the bridge and the status page show the same
 * facts as the war room. Returns what they agreed on.
 */
export async function expectViewsAgree(views: TViews, expected: Partial<TViewFacts>, checkpoint: string): Promise<TViewFacts> {
  await expect.poll(() => readWarRoom(views.warRoom), { message: `${checkpoint}: the war room shows ${JSON.stringify(expected)}` }).toMatchObject(expected);
  let truth = await readWarRoom(views.warRoom);
  const status = truth.status as TRunStatus;
  if (status === "go_no_go") await expect(views.bridge.getByTestId("bridge-go-no-go")).toBeVisible();
  for (const [view, read] of [["bridge", readBridge], ["status", readStatusPage]] as const) {
    const keys = shownOn(view, status);
    // Both sides are read on every try: the server may still be moving the run on its own (items tied
    // to a checkpoint tick themselves just after a step), and the screens must converge on one state.
    await expect
      .poll(
        async () => {
          truth = await readWarRoom(views.warRoom);
          const other = pick(await read(view === "bridge" ? views.bridge : views.status), keys);
          const own = pick(truth, keys);
          return JSON.stringify(other) === JSON.stringify(own) ? "agree" : { warRoom: own, [view]: other };
        },
        { message: `${checkpoint}: the ${view} agrees with the war room` },
      )
      .toBe("agree");
  }
  return truth;
}

/** Saves the three screens as NN-<name>-<view>.png; `focus` is scrolled into the war room's view first. */
export async function snapViews(views: TViews, dir: string, index: number, name: string, focus?: Locator): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = (view: string) => path.join(dir, `${String(index).padStart(2, "0")}-${name}-${view}.png`);
  if (focus) await focus.scrollIntoViewIfNeeded();
  await views.warRoom.screenshot({ path: file("war-room") });
  await views.bridge.screenshot({ path: file("bridge") });
  await views.status.screenshot({ path: file("status"), fullPage: true });
}
