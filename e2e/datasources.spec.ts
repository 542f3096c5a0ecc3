// Data sources, end to end: an admin adds a Prometheus that sits behind a bearer-protected proxy,
// tests the connection with a wrong token (told 401 and what to change) and the right one (told the
// version), saves it, and the list shows the source with its secret "set", never the token itself.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startBearerProxy } from "./support/fake-upstreams";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { setupAdminIfNeeded, waitForHydration } from "./support/fixtures";
import { freePort } from "../lib/db/embedded";
import { isPrometheusMissing, startPrometheus, type TPrometheusServer } from "./support/prometheus";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const TOKEN = "e2e-prometheus-token";

test.describe("data sources", () => {
  test.skip(isPrometheusMissing, "prometheus not installed: apt-get install -y prometheus");
  let prometheus: TPrometheusServer;
  let proxy: Awaited<ReturnType<typeof startBearerProxy>>;

  test.beforeAll(async () => {
    prometheus = await startPrometheus([]);
    proxy = await startBearerProxy(prometheus.url, TOKEN);
  });
  test.afterAll(async () => {
    await proxy?.stop();
    await prometheus?.stop();
  });

  test("an admin adds a Prometheus behind an auth proxy, testing the connection first", async ({ page }) => {
    await setupAdminIfNeeded(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data sources" }).click();
    await expect(page.getByRole("heading", { name: "Data sources" })).toBeVisible();

    const form = page.getByRole("form", { name: "Add a data source" });
    const testButton = form.getByRole("button", { name: "Test connection" });
    await waitForHydration(testButton);
    await form.getByLabel("Name", { exact: true }).fill("Production Prometheus");
    await form.getByLabel("URL", { exact: true }).fill(proxy.url);
    await form.getByLabel("Authentication").selectOption("bearer");
    await form.getByLabel("Token", { exact: true }).fill("not-the-token");
    await form.getByLabel("Extra headers (one per line, Name: value)").fill("X-Scope-OrgID: team-a");
    await form.getByLabel("Label name").fill("track");
    await form.getByLabel("Production value").fill("stable");

    await testButton.click();
    await expect(form.getByTestId("connection-test")).toHaveText("⚠ 401 Unauthorized: check the token or the username and password");

    await form.getByLabel("Token", { exact: true }).fill(TOKEN);
    await testButton.click();
    await expect(form.getByTestId("connection-test")).toHaveText(/^✓ Connected: Prometheus 2\.\d+\.\d+/);

    await form.getByRole("button", { name: "Add data source" }).click();
    await expect(form.getByRole("status")).toHaveText("✓ Added Production Prometheus.");
    await expect(form.getByLabel("Name", { exact: true })).toHaveValue("");
    await expect(form.getByTestId("connection-test")).toHaveCount(0);
    const row = page.getByTestId("data-source").filter({ hasText: "Production Prometheus" });
    await expect(row).toContainText("Bearer token · secret set");
    await expect(row).toContainText("track: canary / stable");
    await expect(row).toContainText("+ X-Scope-OrgID");
    expect(await page.content()).not.toContain(TOKEN);

    // Test the saved source from its edit form: the stored token is used though the field is empty.
    await row.getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("form", { name: "Edit Production Prometheus" });
    await expect(edit.getByLabel("Token", { exact: true })).toHaveValue("");
    await expect(edit.getByLabel("Token", { exact: true })).toHaveAttribute("placeholder", "set: leave empty to keep");
    await edit.getByRole("button", { name: "Test connection" }).click();
    await expect(edit.getByTestId("connection-test")).toHaveText(/^✓ Connected: Prometheus/);

    await expectNoSeriousA11yViolations(page, "admin data sources");
    await page.screenshot({ path: path.join(SCREENSHOTS, "datasources.png"), fullPage: true });

    // Saving an edit with the secret and header fields empty keeps both.
    await edit.getByLabel("Timeout (seconds, 1–30)").fill("5");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(row).toContainText("5 s");
    await expect(row).toContainText("Bearer token · secret set");
    await expect(row).toContainText("+ X-Scope-OrgID");
  });

  test("a URL where nothing listens: the test says the connection was refused", async ({ page }) => {
    await setupAdminIfNeeded(page);
    await page.goto("/admin/datasources");
    const form = page.getByRole("form", { name: "Add a data source" });
    const testButton = form.getByRole("button", { name: "Test connection" });
    await waitForHydration(testButton);
    const port = await freePort();
    await form.getByLabel("Name", { exact: true }).fill("Nowhere");
    await form.getByLabel("URL", { exact: true }).fill(`http://127.0.0.1:${port}`);
    await testButton.click();
    await expect(form.getByTestId("connection-test")).toHaveText(`⚠ Connection refused by 127.0.0.1:${port}: nothing is listening there`);
    // What was typed stays for the admin to correct.
    await expect(form.getByLabel("Name", { exact: true })).toHaveValue("Nowhere");
  });
});
