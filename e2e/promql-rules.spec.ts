// Rules that query Prometheus, end to end against a real Prometheus (Debian's binary) scraping an
// exporter this spec runs: an admin adds the data source; a lead switches a canary's error-rate rule
// to PromQL in the war room's rule editor (a broken query is refused inline, naming the field), and
// with no monitoring script pushing anything the rule reads OK with Prometheus's value and the chart
// fills; a template's rule gets a PromQL source in the template editor. Prometheus stopped: the rule
// reads Unverified with the reason, and the admin page shows the data source failing.
import path from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./support/fixtures";
import { withE2eDatabase } from "./support/e2e-database";
import { isPrometheusMissing, startPrometheus, type TPrometheusServer } from "./support/prometheus";
import { startSteeredExporter, type TSteeredExporter } from "./support/steered-exporter";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const PIA: TNewUser = { name: "Pia PromQL", email: "pia@promql.test", password: "pia-password-1234", role: "lead" };
const SOURCE = "E2E Prometheus";
const RULE = "Error rate > 1% → Investigate immediately";

test.describe.serial("rules that query Prometheus", () => {
  test.skip(isPrometheusMissing, "prometheus not installed: apt-get install -y prometheus");
  let exporter: TSteeredExporter;
  let prometheus: TPrometheusServer;
  let admin: { context: BrowserContext; page: Page };
  let lead: Page;
  let runId = "";

  test.beforeAll(async ({ browser }) => {
    exporter = await startSteeredExporter("cart-api");
    prometheus = await startPrometheus([exporter.address]);
    const context = await browser.newContext();
    const page = await context.newPage();
    await setupAdminIfNeeded(page);
    await createUserViaUi(page, PIA);
    admin = { context, page };
  });
  test.afterAll(async () => {
    await admin?.context.close();
    await exporter?.stop();
    await prometheus?.stop();
  });

  test("an admin adds the data source with the exporter's stage label", async () => {
    const page = admin.page;
    await page.goto("/admin/datasources");
    const form = page.getByRole("form", { name: "Add a data source" });
    await waitForHydration(form.getByRole("button", { name: "Test connection" }));
    await form.getByLabel("Name", { exact: true }).fill(SOURCE);
    await form.getByLabel("URL", { exact: true }).fill(prometheus.url);
    await form.getByLabel("Label name").fill("track");
    await form.getByLabel("Canary value").fill("canary");
    await form.getByLabel("Production value").fill("stable");
    await form.getByRole("button", { name: "Add data source" }).click();
    await expect(form.getByRole("status")).toHaveText(`✓ Added ${SOURCE}.`);
    await expect(page.getByTestId("data-source").filter({ hasText: SOURCE }).getByTestId("data-source-health")).toHaveText("OK");
  });

  test("a lead switches a canary's rule to PromQL: refused while the query is broken, then judged from Prometheus alone", async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    lead = await context.newPage();
    await signIn(lead, PIA.email, PIA.password);
    await lead.goto("/runs/new");
    const submit = lead.getByRole("button", { name: "Create run" });
    await waitForHydration(submit);
    await lead.getByLabel("Name", { exact: true }).fill("Cart 5.2 canary (Prometheus)");
    await lead.getByLabel("Service", { exact: true }).fill("cart-api");
    await lead.getByLabel("Version", { exact: true }).fill("5.2.0");
    await lead.getByLabel("Planned start").fill("2026-12-05T09:00");
    await submit.click();
    await lead.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
    runId = new URL(lead.url()).pathname.split("/").pop()!;
    // At the canary step (the checklist before it is other specs' business).
    await withE2eDatabase((client) => client.query(`UPDATE "Run" SET status = 'production', "startedAt" = now(), "rolloutPercent" = 10 WHERE id = $1`, [runId]));
    await lead.reload();

    await lead.getByText(/^Rules \(\d+\)$/).click();
    const edit = lead.getByRole("button", { name: `Edit “${RULE}”` });
    await waitForHydration(edit);
    await edit.click();
    const form = lead.getByRole("form", { name: `Edit rule ${RULE}` });
    await form.getByLabel("values from").selectOption({ label: `PromQL on “${SOURCE}”` });
    const query = form.getByLabel("PromQL query");
    await expect(query).toHaveValue(/^100 \* sum\(rate\(http_requests_total\{service="\{\{service\}\}",\{\{stageLabel\}\},status=~"5\.\."\}\[\{\{window\}\}\]\)\)/);
    const defaultQuery = await query.inputValue();
    await form.screenshot({ path: path.join(SCREENSHOTS, "promql-rule-editor.png") });
    await query.fill("sum(rate(http_requests_total[5m])");
    await form.getByRole("button", { name: "Save rule" }).click();
    await expect(form.getByRole("alert")).toHaveText(/^⚠ source\.query: PromQL syntax error: the query ends too early \(line 1, column 34\)/);
    await query.fill(defaultQuery);
    await form.getByRole("button", { name: "Save rule" }).click();
    await expect(form).toBeHidden();

    const row = lead.locator(`[data-testid="rule-state"][data-rule="${RULE}"]`);
    await expect(row.getByTestId("rule-source")).toHaveText(`· PromQL on “${SOURCE}”`);
    // The monitor finds the run at its canary step and asks Prometheus: OK, with Prometheus's value.
    await expect(row).toHaveAttribute("data-state", "ok", { timeout: 60_000 });
    await expect(row).toContainText(/0% on canary, 0:\d\d ago/);
    await expect(lead.getByTestId("metrics-empty")).toBeHidden();
    await lead.getByTestId("metrics-panel").screenshot({ path: path.join(SCREENSHOTS, "promql-rule-ok.png") });
  });

  test("the template editor gives a copy's rule a PromQL source, checked before it is saved", async () => {
    await lead.goto("/templates");
    const copy = lead.getByRole("form", { name: "Copy a template" });
    const submit = copy.getByRole("button", { name: "Copy and edit" });
    await waitForHydration(submit);
    await copy.getByLabel("Name of the copy").fill("Runbook on Prometheus");
    await submit.click();
    await lead.waitForURL(/\/templates\/[^/]+\/edit$/);
    const save = lead.getByRole("button", { name: "Save template" });
    await waitForHydration(save);
    const rule = lead.getByRole("list", { name: "Rollback triggers" }).getByTestId("rule-editor").first();
    await rule.getByLabel("Values from").selectOption({ label: `PromQL on “${SOURCE}”` });
    const query = rule.getByLabel("PromQL query");
    await expect(query).toHaveValue(/^100 \* sum\(rate\(http_requests_total/);
    await query.fill("sum(rate(http_requests_total{service={{service}}}[{{window}}]))");
    await save.click();
    await expect(lead.getByTestId("problem-summary")).toContainText('Rollback triggers › rule 1 “Error rate > 5% sustained (5 minutes)”: {{service}} at position 38 must be inside a "…" string');
    await query.fill('sum(rate(http_requests_total{service="{{service}}",{{stageLabel}},status=~"5.."}[{{window}}])) / sum(rate(http_requests_total{service="{{service}}",{{stageLabel}}}[{{window}}])) * 100');
    await save.click();
    await expect(lead.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await rule.screenshot({ path: path.join(SCREENSHOTS, "promql-template-rule.png") });
  });

  test("Prometheus stopped: the rule reads Unverified with the reason; the admin page shows the data source failing", async () => {
    test.setTimeout(90_000);
    await prometheus.stop();
    await lead.goto(`/runs/${runId}`);
    const row = lead.locator(`[data-testid="rule-state"][data-rule="${RULE}"]`);
    await expect(row).toHaveAttribute("data-state", "inconclusive", { timeout: 30_000 });
    await expect(row).toContainText(`the data source failed (“${SOURCE}” on canary: Connection refused by 127.0.0.1:${prometheus.port}: nothing is listening there)`);
    await row.scrollIntoViewIfNeeded();
    await lead.screenshot({ path: path.join(SCREENSHOTS, "promql-rule-unverified.png") });

    const page = admin.page;
    const health = page.getByTestId("data-source").filter({ hasText: SOURCE }).getByTestId("data-source-health");
    await expect.poll(async () => (await page.reload(), await health.textContent()), { timeout: 40_000, intervals: [3_000] }).toMatch(/^Failing since \d\d:\d\d.*Connection refused/);
    await page.screenshot({ path: path.join(SCREENSHOTS, "promql-datasource-failing.png"), fullPage: true });
  });
});
