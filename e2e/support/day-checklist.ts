// Working through the runbook as a team: each section of a phase has an owner who ticks its items in
// the runbook's order from their own browser, and another lead's browser must show every tick live.
import { expect, type Page } from "@playwright/test";

export type TLead = { position: "deployment_lead" | "tech_lead" | "devops" | "qa"; label: string; name: string; page: Page };

type TPhaseItem = { id: string; section: string };

/** The tickable items of a phase in runbook order, each with its section's title. */
export async function phaseItems(page: Page, phaseKey: string): Promise<TPhaseItem[]> {
  return page.locator(`[data-testid="run-phase"][data-phase-key="${phaseKey}"] [data-testid="checklist-item"]`).evaluateAll((elements) =>
    elements.map((element) => ({
      id: (element as HTMLElement).dataset.itemId!,
      section: element.closest('[data-testid="run-section"]')?.querySelector("h3 button")?.textContent?.trim() ?? "",
    })),
  );
}

/**
 * One click, then the server's acknowledgement (the optimistic tick alone is not enough). An item
 * tied to a rule or checkpoint that passes ticks itself ("Warroom (metrics)"): wait for that instead;
 * one whose link is not passing asks for a reason, inline, and gets `overrideReason`.
 */
export async function tickItem(page: Page, itemId: string, overrideReason = "Checked by hand on the dashboards"): Promise<void> {
  const item = page.locator(`[data-item-id="${itemId}"]`);
  const button = item.locator('[data-action="tick"]');
  const link = item.getByTestId("item-link");
  if ((await link.count()) > 0 && (await link.getAttribute("data-verdict")) === "passed") {
    await expect(item).toHaveAttribute("data-state", "done", { timeout: 20_000 });
    await expect(item.getByTestId("item-status")).toContainText("Done by Warroom (metrics)");
    return;
  }
  await expect(item).toHaveAttribute("data-state", "open");
  await button.click();
  if ((await link.count()) > 0) {
    await expect(item.getByTestId("item-override-warning")).toBeVisible();
    await item.getByLabel("Why tick it anyway").fill(overrideReason);
    await item.getByRole("button", { name: "Tick anyway" }).click();
  }
  await expect(item).toHaveAttribute("data-state", "done");
  await expect(button).toHaveAttribute("aria-busy", "false");
}

/**
 * Ticks every item of the phase, section by section, each by its owner (`owners[section]`, else
 * `fallback`); after each section the next lead in `leads` sees all of it done, without reload.
 * Returns how many items were ticked.
 */
export async function tickPhase(phaseKey: string, leads: TLead[], owners: Record<string, TLead>, fallback: TLead): Promise<number> {
  const items = await phaseItems(fallback.page, phaseKey);
  expect(items.length, `phase ${phaseKey} has items`).toBeGreaterThan(0);
  const sections = [...new Set(items.map((i) => i.section))];
  for (const section of sections) {
    const owner = owners[section] ?? fallback;
    const ids = items.filter((i) => i.section === section).map((i) => i.id);
    for (const id of ids) await tickItem(owner.page, id);
    const watcher = leads[(leads.indexOf(owner) + 1) % leads.length];
    for (const id of ids) await expect(watcher.page.locator(`[data-item-id="${id}"]`)).toHaveAttribute("data-state", "done");
    await expect(watcher.page.locator(`[data-item-id="${ids[0]}"] [data-testid="item-status"]`)).toContainText(`Done by ${owner.name}`);
  }
  return items.length;
}

/** Records one round of a recurring section ("Every 5 Minutes") with a note; every lead sees who did it. */
export async function recordRound(lead: TLead, leads: TLead[], title: string, note: string): Promise<void> {
  const check = (page: Page) => page.getByTestId("recurring-check").filter({ has: page.getByLabel(`Note for this round of “${title}”`) });
  await check(lead.page).getByLabel(`Note for this round of “${title}”`).fill(note);
  await check(lead.page).getByRole("button", { name: /checked · record round$/ }).click();
  for (const other of leads) await expect(check(other.page)).toContainText(`by ${lead.name}`);
}

/** An item tied to a checkpoint that has just passed with data: it ticks itself, nobody clicks. */
export async function awaitAutoTick(page: Page, itemId: string): Promise<void> {
  const item = page.locator(`[data-item-id="${itemId}"]`);
  await expect(item).toHaveAttribute("data-state", "done", { timeout: 20_000 });
  await expect(item.getByTestId("item-status")).toContainText("Done by Warroom (metrics)");
}
