// The template editor, as a lead uses it: copy the built-in runbook, rework the copy (rename a phase,
// add, move and remove items, reword a go/no-go question, change a rollback threshold), be told
// clearly what is wrong before anything is saved, save, then run a deployment from it and find every
// change in the war room. The built-in template stays as it was.
import path from "node:path";
import { type BrowserContext, expect, type Locator, type Page, test } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { TClientToServerEvents, TServerToClientEvents } from "../lib/realtime/events";
import { sendCommand } from "./support/socket-command";
import { createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./support/fixtures";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const TESS: TNewUser = { name: "Tess Template", email: "tess@templates.test", password: "tess-password-123", role: "lead" };
const COPY_NAME = "Hotfix day";
const PHASE_TITLE = "Staging (blue/green)";
const NEW_ITEM = "Warm the caches on the green stack";
const QUESTION = "Hotfix verified on staging?";
const RULE_LABEL = "Error rate > 7% sustained (5 minutes)";

type TClient = Socket<TServerToClientEvents, TClientToServerEvents>;

const phaseEditor = (page: Page, index: number) => page.getByTestId("phase-editor").nth(index);
const itemTexts = (section: Locator) => section.getByTestId("item-editor").locator('input[type="text"]').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));

test.describe.serial("the template editor", () => {
  let lead: { context: BrowserContext; page: Page };
  let editorUrl = "";
  let removedItem = "";
  let expectedStagingItems: string[] = [];

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await setupAdminIfNeeded(page);
    await createUserViaUi(page, TESS);
    await context.close();
    lead = { context: await browser.newContext({ viewport: { width: 1440, height: 900 } }), page: undefined as never };
    lead.page = await lead.context.newPage();
    await signIn(lead.page, TESS.email, TESS.password);
  });

  test.afterAll(async () => {
    await lead?.context.close();
  });

  test("a lead copies the built-in runbook from the templates page", async () => {
    const { page } = lead;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Templates" }).click();
    await page.waitForURL("**/templates");
    // The built-in one (other specs import copies named "Deployment Day (…)").
    const seedRow = page.getByTestId("template-row").filter({ hasText: "Deployment Day" }).filter({ hasText: "Built in" });
    await expect(seedRow).toContainText("Built in");
    await expect(seedRow.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
    const form = page.getByRole("form", { name: "Copy a template" });
    const submit = form.getByRole("button", { name: "Copy and edit" });
    await waitForHydration(submit);
    await form.getByLabel("Name of the copy").fill("deployment day");
    await submit.click();
    await expect(form.getByRole("alert")).toHaveText(/A template named “deployment day” already exists: choose another name\./);
    await form.getByLabel("Name of the copy").fill(COPY_NAME);
    await submit.click();
    await page.waitForURL(/\/templates\/[^/]+\/edit$/);
    editorUrl = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(COPY_NAME);
    await expect(page.getByTestId("phase-editor")).toHaveCount(6);
  });

  test("the lead reworks the copy; problems are named before anything is saved", async () => {
    const { page } = lead;
    const save = page.getByRole("button", { name: "Save template" });
    await waitForHydration(save);

    // Phase 2: a new title, a new item moved up one place, and the first item removed.
    const staging = phaseEditor(page, 1);
    await staging.getByRole("button", { name: /^2\. Staging/, expanded: false }).click();
    await staging.getByLabel("Phase title").fill(PHASE_TITLE);
    const section = staging.getByTestId("section-editor").first();
    const before = await itemTexts(section);
    await section.getByRole("button", { name: /^\+ Add item to section/ }).click();
    const count = before.length + 1;
    await section.getByLabel(`Item ${count} text`).fill(NEW_ITEM);
    await section.getByRole("button", { name: `Move item ${count} “${NEW_ITEM}” up` }).click();
    await expect(section.getByLabel(`Item ${count - 1} text`)).toHaveValue(NEW_ITEM);
    removedItem = before[0];
    await section.getByRole("button", { name: /^Remove item 1 / }).click();
    expectedStagingItems = [...before.slice(1, -1), NEW_ITEM, before.at(-1)!];
    expect(await itemTexts(section)).toEqual(expectedStagingItems);

    // The go/no-go question and the first rollback trigger.
    await page.getByLabel("Question 1", { exact: true }).fill(QUESTION);
    const rule = page.getByRole("list", { name: "Rollback triggers" }).getByTestId("rule-editor").first();
    await rule.getByLabel("Label of rollback trigger 1").fill(RULE_LABEL);
    await rule.getByLabel(/^Threshold/).fill("7");
    await expect(rule.getByTestId("rule-judged-as")).toHaveText("Judged as: Error rate > 7% sustained for 5 min");

    // Mistakes first: an empty item text and a window of 0 minutes are named, nothing is saved.
    await section.getByLabel("Item 2 text").fill("");
    await rule.getByLabel("Minutes").fill("0");
    await save.click();
    const summary = page.getByTestId("problem-summary");
    await expect(summary).toContainText("Not saved: fix these 2 problems first.");
    await expect(summary).toContainText(`Phase 2 “${PHASE_TITLE}” › section “Deploy to Staging” › item 2: text is required`);
    await expect(summary).toContainText(`Rollback triggers › rule 1 “${RULE_LABEL}”: window must be more than 0 and at most 1440 minutes`);
    await expect(summary).toBeFocused();
    await expect(section.getByTestId("item-editor").nth(1).getByTestId("field-problem")).toHaveText("⚠ text is required");
    await expect(page.getByTestId("save-state")).toHaveText("Unsaved changes");
    // Each problem in the summary takes the cursor to its field.
    await summary.getByRole("button", { name: /item 2: text is required$/ }).click();
    await expect(section.getByLabel("Item 2 text")).toBeFocused();
    await page.screenshot({ path: path.join(SCREENSHOTS, "template-editor-problems.png") });

    // Fixed, the problems go away as they are fixed; then it saves.
    await section.getByLabel("Item 2 text").fill(expectedStagingItems[1]);
    await rule.getByLabel("Minutes").fill("5");
    await expect(summary).toHaveCount(0);
    await staging.screenshot({ path: path.join(SCREENSHOTS, "template-editor-phase.png") });
    await save.click();
    await expect(page.getByTestId("template-editor").getByRole("status")).toHaveText("Saved. New runs use this version; runs already created keep their own copy.");
    await expect(page.getByTestId("save-state")).toHaveText("Saved · version 1");

    // A reload shows what was stored.
    await page.reload();
    await phaseEditor(page, 1).getByRole("button", { name: /^2\. Staging/, expanded: false }).click();
    expect(await itemTexts(phaseEditor(page, 1).getByTestId("section-editor").first())).toEqual(expectedStagingItems);
    await expect(page.getByLabel("Question 1", { exact: true })).toHaveValue(QUESTION);
    await page.screenshot({ path: path.join(SCREENSHOTS, "template-editor.png"), fullPage: false });
    await page.getByRole("region", { name: "Go/No-Go questions" }).screenshot({ path: path.join(SCREENSHOTS, "template-editor-questions.png") });
    await page.getByRole("region", { name: "Metric rules" }).screenshot({ path: path.join(SCREENSHOTS, "template-editor-rules.png") });
  });

  test("a run created from the copy shows every change in the war room", async ({ baseURL }) => {
    test.setTimeout(90_000);
    const { page } = lead;
    await page.goto(editorUrl);
    await page.getByRole("link", { name: "New run from this template" }).click();
    await page.waitForURL(/\/runs\/new\?template=/);
    const submit = page.getByRole("button", { name: "Create run" });
    await waitForHydration(submit);
    await expect(page.getByLabel("Template")).toHaveValue(editorUrl.split("/")[2]);
    await page.getByLabel("Name", { exact: true }).fill("Hotfix 9.0.1");
    await page.getByLabel("Service", { exact: true }).fill("midi-api");
    await page.getByLabel("Version", { exact: true }).fill("9.0.1");
    await page.getByLabel("Planned start").fill("2026-12-02T14:00");
    await page.getByLabel("Deployment Lead").selectOption({ label: `${TESS.name} · Lead` });
    await submit.click();
    await page.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
    const runId = new URL(page.url()).pathname.split("/").pop()!;

    const staging = page.locator('[data-testid="run-phase"][data-phase-key="staging"]');
    await expect(staging.getByRole("heading", { level: 2 })).toContainText(PHASE_TITLE);
    const items = await staging.getByTestId("checklist-item").allInnerTexts();
    expect(items.some((text) => text.includes(NEW_ITEM))).toBe(true);
    expect(items.some((text) => text.includes(removedItem))).toBe(false);
    await expect(page.getByTestId("rule-state").filter({ hasText: RULE_LABEL })).toHaveCount(1);
    await page.getByText(/^Rules \(\d+\)$/).click();
    await page.getByRole("button", { name: `Edit “${RULE_LABEL}”` }).click();
    await expect(page.getByRole("form", { name: `Edit rule ${RULE_LABEL}` }).getByLabel("Threshold")).toHaveValue("7");

    // The question shows when the run reaches go/no-go: tick the checklist through the socket commands.
    const cookie = (await lead.context.cookies(baseURL)).map((c) => `${c.name}=${c.value}`).join("; ");
    const socket: TClient = io(baseURL!, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie } });
    await new Promise<void>((resolve, reject) => {
      socket.on("session:ready", () => resolve());
      socket.on("connect_error", reject);
    });
    // Raw inputs, as any client could send: the server's own schema checks them.
    const command = (name: "item:change" | "run:status", input: object) => sendCommand(socket, name, input);
    try {
      let version = 0;
      for (const [status, phase] of [["pre_deployment", "pre_deployment"], ["staging", "staging"], ["smoke_tests", "smoke_testing"]] as const) {
        expect(await command("run:status", { runId, to: status, version: version++ })).toHaveProperty("data");
        const ids = await page.locator(`[data-testid="run-phase"][data-phase-key="${phase}"] [data-testid="checklist-item"]`).evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.itemId!));
        for (const itemId of ids) expect(await command("item:change", { runId, itemId, version: 0, action: { kind: "done", reason: "arranged by the test" } })).toHaveProperty("data");
      }
      expect(await command("run:status", { runId, to: "go_no_go", version })).toHaveProperty("data");
    } finally {
      socket.disconnect();
    }
    const form = page.getByTestId("go-no-go-panel").getByRole("form", { name: "Open the Go/No-Go poll" });
    await expect(form.getByLabel("Question 1", { exact: true })).toHaveValue(QUESTION);
  });

  test("the built-in template is unchanged and cannot be edited in place", async () => {
    const { page } = lead;
    await page.goto("/templates");
    const seedRow = page.getByTestId("template-row").filter({ hasText: "Deployment Day" }).filter({ hasText: "Built in" });
    await expect(seedRow).toContainText("6 phases");
    await expect(page.getByTestId("template-row").filter({ hasText: COPY_NAME })).toContainText("1 run");
    await page.screenshot({ path: path.join(SCREENSHOTS, "templates-list.png") });
    const seedId = await page.getByLabel("Template to copy").locator("option", { hasText: /^Deployment Day$/ }).getAttribute("value");
    await page.goto(`/templates/${seedId}/edit`);
    await expect(page.getByText("This template is built in, so it stays as the runbook wrote it. Copy it and edit the copy.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Save template" })).toHaveCount(0);
    await page.goto("/");
    await expect(page.getByTestId("template-name")).toHaveText("Deployment Day");
    await expect(page.getByText("Ready for production?")).toBeVisible();
  });
});
