// Locks and freezes on screen: a lead locks a service and freezes it for two hours on the Locks page;
// the runs list, the war room and the bridge say LOCKED · FROZEN with who and why, live; the lead
// overrides both for this one run with a written reason, and every screen shows the override.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { createRunViaUi, createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./support/fixtures";

const SCREENSHOTS = path.join(__dirname, ".screenshots", "locks");
const LINA: TNewUser = { name: "Lina Locks", email: "lina@locks.test", password: "lina-password-123", role: "lead" };
const SERVICE = "ledger-e2e";

/** A `datetime-local` value in UTC. */
const utcLocal = (at: number) => new Date(at).toISOString().slice(0, 16);

test("a lock and a freeze hold a run on every screen until a lead overrides them for that run", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await setupAdminIfNeeded(page);
  await createUserViaUi(page, LINA);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const lead = await context.newPage();
  await signIn(lead, LINA.email, LINA.password);
  const runPath = await createRunViaUi(lead, { name: "Ledger 4.2", service: SERVICE, version: "4.2.0", leadName: LINA.name });

  // The war room is open while the lock is taken elsewhere: it hears of it without a reload.
  await lead.goto(runPath);
  await expect(lead.getByTestId("run-status")).toBeVisible();
  const locksPage = await context.newPage();
  await locksPage.goto("/locks");
  const lockForm = locksPage.getByRole("form", { name: "Lock a service" });
  await waitForHydration(lockForm.getByRole("button", { name: "Lock" }));
  await lockForm.getByLabel("Service").fill(SERVICE);
  await lockForm.getByLabel("Reason").fill("Incident 4411: ledger drift");
  await lockForm.getByRole("button", { name: "Lock" }).click();
  await expect(locksPage.getByTestId("lock-row").filter({ hasText: SERVICE })).toContainText("by Lina Locks");
  // Taking it again is refused with the holder and the reason.
  await lockForm.getByLabel("Service").fill(SERVICE.toUpperCase());
  await lockForm.getByLabel("Reason").fill("Deploying 4.3");
  await lockForm.getByRole("button", { name: "Lock" }).click();
  await expect(lockForm.getByRole("alert")).toContainText(`${SERVICE} is already locked by Lina Locks since`);
  await expect(lockForm.getByRole("alert")).toContainText("Incident 4411: ledger drift");

  const freezeForm = locksPage.getByRole("form", { name: "Add a freeze window" });
  await freezeForm.getByLabel("Kind").selectOption("range");
  await freezeForm.getByLabel("Service (empty: every service)").fill(SERVICE);
  await freezeForm.getByLabel("From").fill(utcLocal(Date.now() - 3_600_000));
  await freezeForm.getByLabel("Until").fill(utcLocal(Date.now() + 2 * 3_600_000));
  await freezeForm.getByLabel("Reason").fill("Month-end close");
  await freezeForm.getByRole("button", { name: "Add freeze" }).click();
  await expect(locksPage.getByTestId("freeze-row").filter({ hasText: "Month-end close" })).toContainText("IN FORCE");
  // The form is reset for the next window: its kind and its fields agree again.
  await expect(freezeForm.getByLabel("Kind")).toHaveValue("weekly");
  await expect(freezeForm.getByLabel("Until (next day if earlier)")).toBeVisible();
  await locksPage.screenshot({ path: path.join(SCREENSHOTS, "locks-page.png"), fullPage: true });
  await expectNoSeriousA11yViolations(locksPage, "locks page, a lock and a freeze in force");

  const banner = lead.getByTestId("guard-banner");
  await expect(banner).toHaveAttribute("data-held", "true");
  await expect(banner).toContainText("LOCKED · FROZEN");
  await expect(banner.getByTestId("guard-line")).toHaveText([`${SERVICE} is locked by Lina Locks: Incident 4411: ledger drift`, /^❄ Frozen \(ledger-e2e\) until .* UTC: Month-end close$/]);
  await lead.screenshot({ path: path.join(SCREENSHOTS, "war-room-held.png") });
  await expectNoSeriousA11yViolations(lead, "war room, locked and frozen");

  const runsList = await context.newPage();
  await runsList.goto("/runs");
  const row = runsList.getByTestId("run-row").filter({ hasText: "Ledger 4.2" });
  await expect(row.getByTestId("run-guard")).toHaveText([/Locked/, /❄ Frozen/]);
  await runsList.screenshot({ path: path.join(SCREENSHOTS, "runs-list.png") });

  const bridge = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await signIn(bridge, LINA.email, LINA.password);
  await bridge.goto(`${runPath}/bridge`);
  await expect(bridge.getByTestId("bridge-guard-banner")).toContainText("LOCKED · FROZEN");
  await bridge.screenshot({ path: path.join(SCREENSHOTS, "bridge-held.png") });

  // The lead lets this one run through, saying why; every screen shows it, the timeline keeps it.
  await banner.getByRole("button", { name: "Override for this run…" }).click();
  await banner.getByLabel("Why this run may deploy anyway").fill("Hotfix for the ledger drift itself");
  await banner.getByRole("button", { name: "Confirm override" }).click();
  await expect(banner).toHaveAttribute("data-held", "false");
  await expect(banner).toContainText("OVERRIDDEN FOR THIS RUN");
  await expect(banner.getByTestId("guard-override")).toHaveText("Overridden for this run by Lina Locks: “Hotfix for the ledger drift itself”");
  await expect(lead.getByText(/Lina Locks overrode for this run 2 locks and freezes: Hotfix for the ledger drift itself/)).toBeVisible();
  await lead.screenshot({ path: path.join(SCREENSHOTS, "war-room-overridden.png") });
  await expect(bridge.getByTestId("bridge-guard-banner")).toContainText("OVERRIDDEN FOR THIS RUN");
  await bridge.screenshot({ path: path.join(SCREENSHOTS, "bridge-overridden.png") });

  // Released and lifted, the banners go away (and later specs find nothing held).
  await locksPage.getByRole("button", { name: `Release the lock on ${SERVICE}` }).click();
  await locksPage.getByRole("button", { name: `Remove the freeze on ${SERVICE}` }).click();
  await expect(banner).toHaveCount(0);
  await expect(bridge.getByTestId("bridge-guard-banner")).toHaveCount(0);
  await context.close();
  await bridge.close();
});
