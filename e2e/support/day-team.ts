// The day-in-the-life team and the steps its people take through the UI: five people signed in once
// for both variants, the run made as a 30× rehearsal, the status link, a metric token, announcements.
import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import { createStatusLinkViaUi, createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./fixtures";
import type { TLead } from "./day-checklist";

/** Rehearsal speed: checkpoints and rule windows divided by this. */
export const SPEED = 30;

/** What each variant deploys: the rollback variant ships the next release, so its rollback restores the completed one. */
export const RELEASE: Record<"complete" | "rollback", { name: string; version: string; commit: string }> = {
  complete: { name: "Checkout 4.2 production deploy", version: "4.2.0", commit: "6eb59fa" },
  rollback: { name: "Checkout 4.3 production deploy", version: "4.3.0", commit: "7fc2a1d" },
};

export type TVariant = "complete" | "rollback";
export type TPosition = TLead["position"];

/** One team for both variants: its members sign in once (sign-ins are rate limited per IP for the whole suite). */
export const CAST: Record<TPosition | "bridge", string> = {
  deployment_lead: "Dana Deploy",
  tech_lead: "Theo Tech",
  devops: "Devi Ops",
  qa: "Quinn Tester",
  bridge: "Bea Bridge",
};
export const POSITIONS: { position: TPosition; label: string; role: TNewUser["role"] }[] = [
  { position: "deployment_lead", label: "Deployment Lead", role: "lead" },
  { position: "tech_lead", label: "Tech Lead", role: "lead" },
  { position: "devops", label: "DevOps", role: "member" },
  { position: "qa", label: "QA", role: "member" },
];

export const userOf = (who: TPosition | "bridge", role: TNewUser["role"]): TNewUser => {
  const name = CAST[who];
  return { name, role, email: `${name.split(" ")[0].toLowerCase()}@day.test`, password: `${who}-password-123` };
};

export type TSession = Awaited<ReturnType<BrowserContext["storageState"]>>;
let team: Promise<Record<TPosition | "bridge", TSession>> | undefined;

/** The admin adds the five people through the UI and each signs in once; later screens reuse the sessions. */
export function signedInTeam(browser: Browser): Promise<Record<TPosition | "bridge", TSession>> {
  team ??= (async () => {
    const adminContext = await browser.newContext();
    try {
      const admin = await adminContext.newPage();
      await setupAdminIfNeeded(admin);
      for (const { position, role } of POSITIONS) await createUserViaUi(admin, userOf(position, role));
      await createUserViaUi(admin, userOf("bridge", "viewer"));
    } finally {
      await adminContext.close();
    }
    const sessions: Partial<Record<TPosition | "bridge", TSession>> = {};
    for (const { position, role } of [...POSITIONS, { position: "bridge" as const, role: "viewer" as const }]) {
      const context = await browser.newContext();
      await signIn(await context.newPage(), userOf(position, role).email, userOf(position, role).password);
      sessions[position] = await context.storageState();
      await context.close();
    }
    return sessions as Record<TPosition | "bridge", TSession>;
  })();
  return team;
}

export async function openAs(browser: Browser, contexts: BrowserContext[], session: TSession, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ storageState: session, viewport });
  contexts.push(context);
  return context.newPage();
}

/** The Deployment Lead fills New run: the seed template, the four holders, a 30× rehearsal. */
export async function createRunViaUi(page: Page, variant: TVariant): Promise<string> {
  await page.goto("/runs/new");
  const submit = page.getByRole("button", { name: "Create run" });
  await waitForHydration(submit);
  await page.getByLabel("Name", { exact: true }).fill(RELEASE[variant].name);
  await page.getByLabel("Service", { exact: true }).fill("checkout-api");
  await page.getByLabel("Version", { exact: true }).fill(RELEASE[variant].version);
  await page.getByLabel("Commit", { exact: true }).fill(RELEASE[variant].commit);
  await page.getByLabel("Planned start").fill(new Date().toLocaleString("sv").slice(0, 16).replace(" ", "T"));
  for (const { position, label, role } of POSITIONS) {
    await page.getByLabel(label, { exact: true }).selectOption({ label: `${CAST[position]} · ${role === "lead" ? "Lead" : "Member"}` });
  }
  await page.getByLabel("Time", { exact: true }).selectOption({ label: `Rehearsal: ${SPEED}× faster` });
  await submit.click();
  await page.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** Status links page: a link for stakeholders with the key charts; its address is shown once. */
export async function createStatusLink(page: Page, runId: string): Promise<string> {
  await page.getByRole("link", { name: "Status links" }).click();
  await page.waitForURL(`**/runs/${runId}/share`);
  const url = await createStatusLinkViaUi(page, "Stakeholders");
  await page.goto(`/runs/${runId}`);
  return url;
}

export async function createMetricToken(page: Page): Promise<string> {
  const panel = page.getByTestId("metrics-panel");
  await panel.getByText(/^API tokens/).click();
  await waitForHydration(panel.getByRole("button", { name: "Create token" }));
  await panel.getByLabel("Token name").fill("day-in-the-life monitoring");
  await panel.getByRole("button", { name: "Create token" }).click();
  return (await panel.getByTestId("new-token").textContent())!.trim();
}

/** A lead opens a template in the Communications panel and posts it as filled from the live run. */
export async function postAnnouncement(page: Page, button: string, tab: string, fill: Record<string, string> = {}): Promise<string> {
  const comms = page.getByTestId("comms-panel");
  if (button) await comms.getByRole("button", { name: button, exact: true }).click();
  const composer = page.getByTestId("comms-composer");
  await expect(composer.getByRole("tab", { name: tab })).toHaveAttribute("aria-selected", "true");
  for (const [label, value] of Object.entries(fill)) await composer.getByLabel(label).fill(value);
  const text = await composer.getByTestId("composer-text").inputValue();
  await composer.getByRole("button", { name: "Post announcement" }).click();
  await expect(composer).toHaveCount(0);
  return text;
}

export const itemId = async (page: Page, text: string) =>
  (await page.getByTestId("checklist-item").filter({ has: page.getByText(text, { exact: true }) }).getAttribute("data-item-id"))!;
