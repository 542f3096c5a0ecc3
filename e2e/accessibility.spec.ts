// Accessibility and legibility: axe-core (WCAG 2.0/2.1 A and AA) on every page in the states people
// see on deployment day — a fresh run, a go/no-go roll call under way, a rollback recommendation
// firing with charts, the stakeholder page on a desktop and on a phone, the keyboard overlay open —
// and the bridge screen read from across the room (≥ 48 px key status, legible at a quarter size).
// A new page is one line in PAGES. /setup, seen only before the first-run setup, is audited by
// first-run.spec, which always runs before this one (see playwright.config.ts).
import path from "node:path";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { socketFor, command, createRunViaUi, itemIds, arrangePoll, arrangeRollback, scrape, pushSamples, arrangeStatusLink } from "./support/a11y-arrange";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expectStatesInWords, fontSize, quarterSize, TV } from "./support/legibility";
import { ADMIN, createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./support/fixtures";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const TESS: TNewUser = { name: "Tess Tech", email: "tess@a11y.test", password: "tess-password-123", role: "lead" };
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** The runs and links the pages are checked with, made once in beforeAll. */
type TArranged = { freshRunId: string; underwayRunId: string; pollRunId: string; rollbackRunId: string; statusPath: string; templateCopyId: string };
type TWho = "admin" | "anonymous";
type TA11yPage = {
  label: string;
  path: (a: TArranged) => string;
  who?: TWho;
  phone?: boolean;
  viewport?: { width: number; height: number };
  /** Brings the page into the state to check (live data in, a dialog open) once it has loaded. */
  ready?: (page: Page) => Promise<void>;
};

const openShortcuts = async (page: Page) => {
  const firstTick = page.locator('[data-action="tick"]').first();
  await waitForHydration(firstTick);
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
};
const rollbackShown = async (page: Page) => {
  await expect(page.getByTestId("rollback-banner").or(page.getByTestId("bridge-rollback-banner"))).toContainText("ROLLBACK RECOMMENDED");
  await expect(page.locator('[data-testid="metric-chart"]').first()).toBeVisible();
};
const pollShown = async (page: Page) => {
  await expect(page.getByTestId("roll-call").or(page.getByTestId("bridge-go-no-go"))).toBeVisible();
};
const openComposer = async (page: Page) => {
  const rollback = page.getByTestId("comms-panel").getByRole("button", { name: "Rollback", exact: true });
  await waitForHydration(rollback);
  await rollback.click();
  await expect(page.getByRole("dialog").filter({ has: page.getByTestId("composer-text") })).toBeVisible();
};
const openDecisionGuide = async (page: Page) => {
  const guides = page.getByText(/^Decision guides \(\d+\)$/);
  await waitForHydration(guides);
  await guides.click();
  await page.getByRole("button", { name: "Canary Metrics Red" }).click();
  await expect(page.getByTestId("decision-walk")).toBeVisible();
};
const editorShown = async (page: Page) => {
  await waitForHydration(page.getByRole("button", { name: "Save template" }));
  await expect(page.getByTestId("phase-editor").first()).toBeVisible();
};
const editorProblemsShown = async (page: Page) => {
  await editorShown(page);
  await page.getByLabel("Template name").fill("");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByText(/problem/).first()).toBeVisible();
};
const statusLive = async (page: Page) => {
  await expect(page.getByTestId("status-connection")).toHaveAttribute("data-state", "live");
  await expect(page.locator('[data-testid="status-chart"]').first()).toBeVisible();
};

// Every page, in the states that matter. A page added later is one line here.
const PAGES: TA11yPage[] = [
  { label: "sign-in", path: () => "/sign-in", who: "anonymous" },
  { label: "home", path: () => "/" },
  { label: "runs list", path: () => "/runs" },
  { label: "new run", path: () => "/runs/new" },
  { label: "locks and freezes", path: () => "/locks" },
  { label: "war room, fresh run", path: (a) => `/runs/${a.freshRunId}` },
  { label: "war room, keyboard ? overlay open", path: (a) => `/runs/${a.freshRunId}`, ready: openShortcuts },
  { label: "war room, go/no-go poll open", path: (a) => `/runs/${a.pollRunId}`, ready: pollShown },
  { label: "war room, rollback recommended", path: (a) => `/runs/${a.rollbackRunId}`, ready: rollbackShown },
  { label: "war room, announcement composer open", path: (a) => `/runs/${a.rollbackRunId}`, ready: openComposer },
  { label: "war room, decision guide under way", path: (a) => `/runs/${a.rollbackRunId}`, ready: openDecisionGuide },
  { label: "bridge, fresh run", path: (a) => `/runs/${a.freshRunId}/bridge`, viewport: TV },
  { label: "bridge, run under way", path: (a) => `/runs/${a.underwayRunId}/bridge`, viewport: TV },
  { label: "bridge, go/no-go poll open", path: (a) => `/runs/${a.pollRunId}/bridge`, viewport: TV, ready: pollShown },
  { label: "bridge, rollback recommended", path: (a) => `/runs/${a.rollbackRunId}/bridge`, viewport: TV, ready: rollbackShown },
  { label: "status links", path: (a) => `/runs/${a.rollbackRunId}/share` },
  { label: "deployment record", path: (a) => `/runs/${a.rollbackRunId}/record` },
  { label: "status page, desktop", path: (a) => a.statusPath, who: "anonymous", ready: statusLive },
  { label: "status page, phone", path: (a) => a.statusPath, who: "anonymous", phone: true, ready: statusLive },
  { label: "status link no longer valid", path: () => "/status/not-a-valid-token-at-all-0000000000", who: "anonymous" },
  { label: "templates", path: () => "/templates" },
  { label: "template editor", path: (a) => `/templates/${a.templateCopyId}/edit`, ready: editorShown },
  { label: "template editor, problems shown", path: (a) => `/templates/${a.templateCopyId}/edit`, ready: editorProblemsShown },
  { label: "admin users", path: () => "/admin/users" },
  { label: "admin webhooks", path: () => "/admin/webhooks" },
  { label: "admin data sources", path: () => "/admin/datasources" },
];

/** The admin's session, signed in once (beforeAll): a sign-in per page would run into the server's sign-in rate limit. */
let adminSession: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;

async function openAs(browser: Browser, who: TWho | TNewUser, entry: Pick<TA11yPage, "phone" | "viewport">) {
  const storageState = who === "admin" ? adminSession : undefined;
  const context = await browser.newContext({ ...(entry.phone ? PHONE : { viewport: entry.viewport ?? DESKTOP }), storageState });
  const page = await context.newPage();
  if (who === "admin" && !adminSession) await signIn(page, ADMIN.email, ADMIN.password);
  else if (who !== "admin" && who !== "anonymous") await signIn(page, who.email, who.password);
  return { context, page };
}

test.describe.serial("accessibility", () => {
  test.describe("every page", () => {
    let monitoring: ReturnType<typeof setInterval> | undefined;
    test.afterAll(() => clearInterval(monitoring));
    const arranged: TArranged = { freshRunId: "", underwayRunId: "", pollRunId: "", rollbackRunId: "", statusPath: "", templateCopyId: "" };

    test.beforeAll(async ({ browser, baseURL }) => {
      test.setTimeout(120_000);
      const context = await browser.newContext({ viewport: DESKTOP });
      const page = await context.newPage();
      await setupAdminIfNeeded(page);
      adminSession = await context.storageState();
      await createUserViaUi(page, TESS);
      const tess = await openAs(browser, TESS, {});
      const socket = await socketFor(context, baseURL!);
      const tessSocket = await socketFor(tess.context, baseURL!);
      try {
        arranged.freshRunId = await createRunViaUi(page, "MIDI 9 production deploy");
        arranged.underwayRunId = await createRunViaUi(page, "Billing 3.1 production deploy");
        await command(socket, "run:status", { runId: arranged.underwayRunId, to: "pre_deployment", version: 0 });
        await page.goto(`/runs/${arranged.underwayRunId}`);
        for (const itemId of (await itemIds(page, "pre_deployment")).slice(0, 2)) {
          await command(socket, "item:change", { runId: arranged.underwayRunId, itemId, version: 0, action: { kind: "done", reason: "arranged by the test" } });
        }
        arranged.pollRunId = await createRunViaUi(page, "MIDI 9 go/no-go", TESS.name);
        await arrangePoll(page, socket, tessSocket, arranged.pollRunId);
        arranged.rollbackRunId = await createRunViaUi(page, "Checkout 2.4 canary");
        const token = await arrangeRollback(page, socket, arranged.rollbackRunId, baseURL!);
        // Like a monitoring script, a scrape every 15 s: the rule keeps firing (no "no data") while the pages are checked.
        monitoring = setInterval(() => void pushSamples(baseURL!, arranged.rollbackRunId, token, scrape(Date.now(), true)).catch(() => undefined), 15_000);
        arranged.statusPath = await arrangeStatusLink(page, arranged.rollbackRunId);
        // A team's own copy of the runbook, for the template editor.
        await page.goto("/templates");
        const copy = page.getByRole("form", { name: "Copy a template" });
        await waitForHydration(copy.getByRole("button", { name: "Copy and edit" }));
        await copy.getByLabel("Name of the copy").fill("Hotfix day (a11y)");
        await copy.getByRole("button", { name: "Copy and edit" }).click();
        await page.waitForURL(/\/templates\/[^/]+\/edit$/);
        arranged.templateCopyId = new URL(page.url()).pathname.split("/")[2];
        // A global webhook, so the admin list has a row.
        await page.goto("/admin/webhooks");
        const add = page.getByRole("button", { name: "Add webhook" });
        await waitForHydration(add);
        await page.getByLabel("Name").fill("#deployments");
        await page.getByLabel("URL").fill("https://hooks.example.com/services/T0/B0/secret");
        await add.click();
        await expect(page.getByTestId("global-webhook").filter({ hasText: "#deployments" })).toBeVisible();
        // Paused: other specs' announcements are not sent anywhere.
        await page.getByTestId("global-webhook").filter({ hasText: "#deployments" }).getByRole("button", { name: "Pause" }).click();
        await expect(page.getByTestId("global-webhook").filter({ hasText: "#deployments" })).toContainText("Paused");
      } finally {
        socket.disconnect();
        tessSocket.disconnect();
        await tess.context.close();
        await context.close();
      }
    });

    for (const entry of PAGES) {
      test(`axe: ${entry.label}`, async ({ browser }) => {
        test.setTimeout(60_000); // a war room with its charts takes a while to check on a busy machine
        const { context, page } = await openAs(browser, entry.who ?? "admin", entry);
        try {
          await page.goto(entry.path(arranged));
          const indicator = page.getByTestId("connection-indicator");
          if (await indicator.count()) await expect(indicator).toHaveAttribute("data-state", "connected");
          await entry.ready?.(page);
          await expectNoSeriousA11yViolations(page, entry.label);
          const slug = entry.label.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
          await page.screenshot({ path: path.join(SCREENSHOTS, `a11y-${slug}.png`), fullPage: !entry.viewport });
        } finally {
          await context.close();
        }
      });
    }

    test("the bridge at 1920×1080: the status and the phase at ≥ 48 px, legible at a quarter of the size", async ({ browser }) => {
      const { context, page } = await openAs(browser, "admin", { viewport: TV });
      try {
        const light = page.getByTestId("bridge-status-light");
        const views = [
          { name: "under-way", runId: arranged.underwayRunId, key: [light.locator("p").first(), page.getByTestId("bridge-run-status"), page.getByTestId("bridge-phase").locator("p").first()] },
          { name: "rollback", runId: arranged.rollbackRunId, key: [light.locator("p").first(), page.getByTestId("bridge-run-status"), page.getByTestId("bridge-phase").locator("p").first()] },
          { name: "go-no-go", runId: arranged.pollRunId, key: [light.locator("p").first(), page.getByTestId("bridge-poll-outcome").locator("p").first()] },
        ];
        for (const view of views) {
          await page.goto(`/runs/${view.runId}/bridge`);
          await expect(page.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
          await expect(light).toContainText(/ON TRACK|ATTENTION|ROLLBACK/);
          for (const key of view.key) {
            await expect(key).toBeVisible();
            expect(await fontSize(key), `${view.name}: “${await key.innerText()}”`).toBeGreaterThanOrEqual(48);
          }
          const png = await page.screenshot({ path: path.join(SCREENSHOTS, `a11y-bridge-${view.name}.png`) });
          await quarterSize(browser, png, path.join(SCREENSHOTS, `a11y-bridge-${view.name}-25pct.png`));
        }
        // The phase in words on the under-way run: its title, as the runbook names it.
        await page.goto(`/runs/${arranged.underwayRunId}/bridge`);
        await expect(page.getByTestId("bridge-phase")).toContainText("Pre-Deployment");
        await expect(light).toContainText("ON TRACK");
      } finally {
        await context.close();
      }
    });

    test("every state is said in words or an icon, not by colour alone", async ({ browser }) => {
      const { context, page } = await openAs(browser, "admin", {});
      try {
        // War room with a rollback recommendation: checklist items, rules, deliveries, charts, people, connection.
        await page.goto(`/runs/${arranged.rollbackRunId}`);
        await expect(page.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
        await expectStatesInWords(page.getByTestId("connection-indicator"), "data-state", { connected: /Live/ });
        await expectStatesInWords(page.getByTestId("run-status"), "data-status", { pre_deployment: /Pre-deployment/ });
        const items = page.getByTestId("checklist-item");
        await expectStatesInWords(items.and(page.locator(":not([data-state=open])")), "data-state", {
          done: /✓ Done by/,
          skipped: /⤼ Skipped by .*Covered by the nightly backup/,
          failed: /✕ Failed by .*Dashboard returns 502/,
        });
        // An open item's box is empty: its button says what it does and aria-pressed says it is not done.
        await expect(items.and(page.locator("[data-state=open]")).first().locator('[data-action="tick"]')).toHaveAttribute("aria-pressed", "false");
        await expectStatesInWords(page.getByTestId("rule-state"), "data-state", {
          ok: /^(OK|Not met)\b/,
          pending: /^Pending\b/,
          firing: /^(Firing|Met)\b/,
          resolved: /^Resolved\b/,
          no_data: /^(No data|Not met|Off)\b/,
          // No data in its window (issue 15): said as a word, with why and for how long.
          inconclusive: /^Unverified\b/,
        });
        await expectStatesInWords(page.getByTestId("delivery"), "data-status", { pending: /sending/, delivered: /delivered/, failed: /failed/ });
        await expect(page.getByTestId("metrics-panel").locator("figure").filter({ has: page.locator('[data-testid="metric-chart"][data-firing="true"]') })).toContainText(/⚠ firing|shaded: a rule fired/);
        await expectStatesInWords(page.getByTestId("presence-role"), "data-present", { true: /here$/, false: /away$/ });
        await expectStatesInWords(page.getByTestId("rollback-banner"), "data-active", { true: /ROLLBACK RECOMMENDED/, false: /Rollback trigger fired \(now resolved\)/ });

        // The go/no-go roll call: answers, each position's progress, the forming outcome.
        await page.goto(`/runs/${arranged.pollRunId}`);
        await expectStatesInWords(page.getByTestId("roll-call-cell"), "data-answer", { go: /GO/, no_go: /NO-GO/, pending: /pending|GO/ });
        await expectStatesInWords(page.getByTestId("roll-call-position"), "data-state", { answered: /all GO|NO-GO/, partial: /\d of \d/, waiting: /waiting/ });
        await expectStatesInWords(page.getByTestId("poll-outcome"), "data-outcome", { pending: /VOTING/, proceed: /PROCEED/, reschedule: /RESCHEDULE/ });

        // The bridge: the light, who is here, the roll call, a firing chart.
        await page.setViewportSize(TV);
        await page.goto(`/runs/${arranged.pollRunId}/bridge`);
        await expectStatesInWords(page.getByTestId("bridge-status-light"), "data-state", { on_track: /ON TRACK/, attention: /ATTENTION/, rollback: /ROLLBACK/ });
        await expectStatesInWords(page.getByTestId("bridge-roll-call-row"), "data-state", { answered: /GO|NO-GO/, partial: /\d of \d/, waiting: /WAITING/ });
        await expectStatesInWords(page.getByTestId("bridge-presence-role"), "data-present", { true: /here$/, false: /away$/ });
        // Question 1: the Deployment Lead said GO, the Tech Lead has not answered.
        await expect(page.getByTestId("bridge-poll-tally").locator("li").first()).toHaveText("Ready for production?: Q1 ✓1 …1 to answer");
        await page.goto(`/runs/${arranged.rollbackRunId}/bridge`);
        await expectStatesInWords(page.getByTestId("bridge-status-light"), "data-state", { rollback: /ROLLBACK RECOMMENDED/ });
        await expect(page.locator('[data-testid="bridge-metric"][data-metric="error_rate"] figcaption')).toContainText("⚠ FIRING");

        // The stakeholder page and the share links list.
        await page.goto(arranged.statusPath);
        await expectStatesInWords(page.getByTestId("status-light"), "data-state", { on_track: /On track/, attention: /attention/, rollback: /Rolling back|Rollback/ });
        await expectStatesInWords(page.getByTestId("status-connection"), "data-state", { connecting: /Connecting/, live: /Live/, reconnecting: /Reconnecting/ });
        await expect(page.locator('[data-testid="status-chart"][data-metric="error_rate"] figcaption')).toContainText("⚠ firing");
        await page.goto(`/runs/${arranged.rollbackRunId}/share`);
        await expectStatesInWords(page.getByTestId("share-link-row"), "data-state", { active: /Active/, expired: /Expired/, revoked: /Revoked/ });
      } finally {
        await context.close();
      }
    });
  });
});
