// Runbooks as code in the browser (issue 21): a lead uploads the seed runbook on the templates page,
// reads the preview (what was understood, what was kept as notes with line numbers) before anything
// exists, creates the template, finds the notes in its editor, and downloads it as Markdown again.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { outlineRunbook } from "../lib/domain/runbook-markdown/outline";
import { createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./support/fixtures";

const SHOTS = "/work/notes/shots/runbooks";
const SEED = path.join(__dirname, "../prisma/seed/deployment-day-checklist.md");
const RUTH: TNewUser = { name: "Ruth Runbook", email: "ruth@runbooks.test", password: "ruth-password-123", role: "lead" };
const NAME = "Deployment Day (from the repo)";

test.describe.serial("runbooks as code on the templates page", () => {
  let lead: { context: BrowserContext; page: Page };

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await setupAdminIfNeeded(page);
    await createUserViaUi(page, RUTH);
    await context.close();
    const leadContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    lead = { context: leadContext, page: await leadContext.newPage() };
    await signIn(lead.page, RUTH.email, RUTH.password);
  });

  test.afterAll(async () => {
    await lead?.context.close();
  });

  test("pasting something that is not a runbook is refused, naming what is wrong", async () => {
    const { page } = lead;
    await page.goto("/templates");
    const form = page.getByRole("group", { name: "Import a Markdown runbook" });
    await waitForHydration(form.getByRole("button", { name: "Preview import" }));
    await form.getByLabel("…or paste the Markdown").fill("Shopping list\n- milk\n- eggs");
    await form.getByRole("button", { name: "Preview import" }).click();
    await expect(form.getByRole("alert")).toContainText("This is not a runbook: no phase headings were found");
    await expect(form.getByRole("button", { name: "Create template" })).toHaveCount(0);
  });

  test("uploading the seed shows what was understood and what was not before creating", async () => {
    const { page } = lead;
    const form = page.getByRole("group", { name: "Import a Markdown runbook" });
    await form.getByLabel("Runbook file (.md)").setInputFiles(SEED);
    await expect(form.getByLabel("…or paste the Markdown")).toHaveValue(/# Deployment Day Checklist/);
    await form.getByLabel("Template name (default: the runbook's # title)").fill(NAME);
    await form.getByRole("button", { name: "Preview import" }).click();
    const preview = page.getByTestId("import-preview");
    await expect(preview.getByTestId("understood-items")).toHaveText("74");
    await expect(preview.getByTestId("understood-phases")).toHaveText("6");
    await expect(preview.getByTestId("understood-decisionTrees")).toHaveText("4");
    await expect(preview).toContainText(`Understood as “${NAME}”`);
    await expect(preview).toContainText("Not understood: 9 lines, kept as notes");
    const rows = preview.getByTestId("not-understood-row");
    await expect(rows).toHaveCount(9);
    await expect(rows.nth(1)).toContainText("470");
    await expect(rows.nth(1)).toContainText("Questions to answer YES:");
    await expect(rows.nth(1)).toContainText("note on “30 Minutes Before”");
    await preview.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/import-preview.png`, fullPage: true });
    // Nothing exists until "Create template".
    await expect(page.getByTestId("template-row").filter({ hasText: NAME })).toHaveCount(0);
    await form.getByRole("button", { name: "Create template" }).click();
    await expect(form.getByRole("status")).toContainText(`Created “${NAME}”`);
    await expect(page.getByTestId("template-row").filter({ hasText: NAME })).toContainText("74 checklist items");
  });

  test("the new template's editor shows the notes on their sections", async () => {
    const { page } = lead;
    await page.getByRole("group", { name: "Import a Markdown runbook" }).getByRole("link", { name: "Open it in the editor" }).click();
    await page.waitForURL("**/templates/*/edit");
    const phaseToggle = page.getByRole("button", { name: /1\. Pre-Deployment/ });
    await waitForHydration(phaseToggle);
    await phaseToggle.click();
    const notes = page.getByTestId("section-notes").filter({ hasText: "If all YES" });
    await expect(notes).toContainText("If any NO → **RESCHEDULE**");
    await notes.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/editor-notes.png` });
  });

  test("Download Markdown gives the runbook back: every item and go/no-go question as a checkbox", async () => {
    const { page } = lead;
    await page.goto("/templates");
    const row = page.getByTestId("template-row").filter({ hasText: NAME });
    const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: `Download Markdown of ${NAME}` }).click()]);
    expect(download.suggestedFilename()).toBe("deployment-day-from-the-repo.md");
    const markdown = readFileSync((await download.path())!, "utf8");
    expect(markdown.startsWith(`# ${NAME}\n`)).toBe(true);
    const outline = outlineRunbook(markdown);
    expect(outline.checkboxes.filter((c) => !/go\/no-go/i.test(c.h3))).toHaveLength(74);
    expect(outline.checkboxes.filter((c) => /go\/no-go/i.test(c.h3)).map((c) => c.text)).toContain("Rollback plan tested?");
    // The seed's own checkboxes are all there.
    const seedBoxes = outlineRunbook(readFileSync(SEED, "utf8")).checkboxes.map((c) => c.text);
    for (const text of seedBoxes) expect(outline.checkboxes.map((c) => c.text)).toContain(text);
  });
});
