// Destinations end to end: an admin adds a Discord destination and a signed event webhook for every
// run (the signing secret shown once), sends each a test message and reads the exact outcome; a
// lead's war room adds a Mattermost destination for one run with its own triggers and tests it. A
// local receiver validates every request against the target's committed JSON Schema and verifies
// the signature with the Standard Webhooks reference verifier. Screenshots of both screens.
import path from "node:path";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { openWarRoom } from "./support/comms-arrange";
import { createUserViaUi, setupAdminIfNeeded, waitForHydration } from "./support/fixtures";
import { startReceiver, type TReceiver } from "./support/notify/receiver";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const LEAD = { name: "Dana Destinations", email: `dana-${Date.now()}@destinations.test`, password: "dana-password-123", role: "lead" as const };

test.describe.serial("destinations", () => {
  let context: BrowserContext;
  let page: Page;
  let receiver: TReceiver;

  test.beforeAll(async ({ browser }: { browser: Browser }) => {
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
    await setupAdminIfNeeded(page);
    receiver = await startReceiver();
  });

  test.afterAll(async () => {
    await context?.close();
    await receiver?.close();
  });

  test("an admin adds Discord and a signed webhook for every run, and each test message arrives valid", async () => {
    await page.goto("/admin/webhooks");
    const form = page.getByRole("form", { name: "Add a global webhook" });
    await waitForHydration(form.getByRole("button", { name: "Add webhook" }));

    await form.getByLabel("Name").fill("#deploys (Discord)");
    await form.getByLabel("URL").fill(receiver.url("discord", "admin-discord"));
    await form.getByLabel("Kind").selectOption({ label: "Discord" });
    // Chat kinds start with the chat defaults; this one also hears when a rule loses its feed.
    await expect(form.getByLabel("Rollback recommended")).toBeChecked();
    await expect(form.getByLabel("Rollout stepped")).not.toBeChecked();
    await form.getByLabel("Rule inconclusive (feed lost)").check();
    await form.getByRole("button", { name: "Add webhook" }).click();
    const discord = page.getByTestId("global-webhook").filter({ hasText: "#deploys (Discord)" });
    await expect(discord).toContainText("Rule inconclusive (feed lost)");
    await discord.getByRole("button", { name: "Send test message" }).click();
    await expect(discord.getByTestId("test-outcome")).toContainText(/Delivered: HTTP 204 in \d+\.\d\d s/);

    await form.getByLabel("Name").fill("Release bot");
    await form.getByLabel("URL").fill(receiver.url("signed", "admin-signed"));
    await form.getByLabel("Kind").selectOption({ label: "Signed event webhook" });
    await form.getByRole("button", { name: "Add webhook" }).click();
    const secret = (await page.getByTestId("signing-secret").locator("code").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    receiver.trust("admin-signed", secret);
    const signed = page.getByTestId("global-webhook").filter({ hasText: "Release bot" });
    await signed.getByRole("button", { name: "Send test message" }).click();
    await expect(signed.getByTestId("test-outcome")).toContainText("Delivered: HTTP 200");
    // Shown once: after a reload only "Signed event webhook" and the host remain.
    await page.reload();
    await expect(page.getByText(secret)).toHaveCount(0);

    for (const name of ["admin-discord", "admin-signed"]) expect(receiver.at(name).flatMap((r) => r.problems)).toEqual([]);
    await expect(page.getByTestId("global-deliveries")).toContainText("Nothing sent yet.");
    await page.screenshot({ path: path.join(SCREENSHOTS, "admin-destinations.png"), fullPage: true });

    // Paused, so other specs' runs send them nothing.
    for (const name of ["#deploys (Discord)", "Release bot"]) {
      const row = page.getByTestId("global-webhook").filter({ hasText: name });
      await row.getByRole("button", { name: "Pause" }).click();
      await expect(row).toContainText("Paused");
    }
  });

  test("a lead adds a Mattermost destination to one run from the war room and tests it", async () => {
    await createUserViaUi(page, LEAD);
    await page.goto("/runs/new");
    const submit = page.getByRole("button", { name: "Create run" });
    await waitForHydration(submit);
    await page.getByLabel("Name", { exact: true }).fill("Payments 7.3 🚀");
    await page.getByLabel("Service", { exact: true }).fill("payments");
    await page.getByLabel("Version", { exact: true }).fill("7.3.0");
    await page.getByLabel("Planned start").fill("2026-12-06T09:00");
    await page.getByLabel("Deployment Lead").selectOption({ label: `${LEAD.name} · Lead` });
    await submit.click();
    await page.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
    const runId = new URL(page.url()).pathname.split("/").pop()!;

    await openWarRoom(page, runId);
    const settings = page.getByTestId("comms-panel").getByTestId("webhook-settings");
    await settings.getByText(/^Webhooks/).click();
    const form = settings.getByRole("form", { name: "Add a webhook" });
    await form.getByLabel("Name").fill("#payments-release");
    await form.getByLabel("URL").fill(receiver.url("mattermost", "run-mattermost"));
    await form.getByLabel("Kind").selectOption({ label: "Mattermost" });
    await form.getByLabel("Rollout stepped").check();
    await form.getByRole("button", { name: "Add webhook" }).click();
    const row = settings.getByTestId("webhook").filter({ hasText: "#payments-release" });
    await expect(row).toContainText("Mattermost · 127.0.0.1");
    await expect(row).toContainText("Sends on: Announcement posted, Go/no-go decided, Rollout stepped, Rollback recommended, Rollback decided, Rollback rule cleared, Run completed or rolled back");
    await row.getByRole("button", { name: "Send test message" }).click();
    await expect(row.getByTestId("test-outcome")).toContainText(/Delivered: HTTP 200 in/);
    const [request] = await receiver.waitFor("run-mattermost", 1);
    expect(request.problems).toEqual([]);
    expect(JSON.stringify(request.body)).toContain("Payments 7.3 🚀");
    await page.getByTestId("comms-panel").scrollIntoViewIfNeeded();
    await page.getByTestId("comms-panel").screenshot({ path: path.join(SCREENSHOTS, "war-room-destinations.png") });
  });
});
