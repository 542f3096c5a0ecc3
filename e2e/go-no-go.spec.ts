// The Go/No-Go roll call, live: four position holders vote from their own browsers while a fifth
// screen shows the bridge. A NO-GO makes it RESCHEDULE and production is refused; a new round all
// GO lets the run into production.
import path from "node:path";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { TClientToServerEvents, TServerToClientEvents } from "../lib/realtime/events";
import { createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser, waitForHydration } from "./support/fixtures";
import { sendCommand } from "./support/socket-command";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const DEE: TNewUser = { name: "Dee Deploy", email: "dee@gonogo.test", password: "dee-password-123", role: "lead" };
const TOM: TNewUser = { name: "Tom Tech", email: "tom@gonogo.test", password: "tom-password-123", role: "lead" };
const DORA: TNewUser = { name: "Dora DevOps", email: "dora@gonogo.test", password: "dora-password-12", role: "member" };
const QUINN: TNewUser = { name: "Quinn QA", email: "quinn@gonogo.test", password: "quinn-password-1", role: "member" };
const VIC: TNewUser = { name: "Vic Viewer", email: "vic@gonogo.test", password: "vic-password-123", role: "viewer" };
const ROLLBACK_QUESTION = "Rollback plan ready?";
const NO_GO_REASON = "Rollback script not rehearsed on the new schema";

type TScreen = { context: BrowserContext; page: Page };
type TClient = Socket<TServerToClientEvents, TClientToServerEvents>;

async function signedIn(browser: Browser, user: TNewUser, viewport = { width: 1440, height: 900 }): Promise<TScreen> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, user.email, user.password);
  return { context, page };
}

async function socketFor(screen: TScreen, baseURL: string): Promise<TClient> {
  const cookie = (await screen.context.cookies(baseURL)).map((c) => `${c.name}=${c.value}`).join("; ");
  const socket: TClient = io(baseURL, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie } });
  await new Promise<void>((resolve, reject) => {
    socket.on("session:ready", () => resolve());
    socket.on("connect_error", reject);
  });
  return socket;
}

// Sends a raw input, as any client could: the server's own schema decides (typed sockets would refuse it here).
function command(socket: TClient, name: "item:change" | "run:status" | "poll:vote", input: object) {
  return sendCommand(socket, name, input);
}

const cell = (page: Page, position: string, question: number) =>
  page.locator(`[data-testid="roll-call-cell"][data-position="${position}"][data-question="${question}"]`);
const bridgeRow = (page: Page, position: string) => page.locator(`[data-testid="bridge-roll-call-row"][data-position="${position}"]`);

test.describe.serial("the go/no-go roll call", () => {
  let admin: TScreen;
  const holders: Record<"dee" | "tom" | "dora" | "quinn", TScreen | undefined> = { dee: undefined, tom: undefined, dora: undefined, quinn: undefined };
  let bridge: TScreen;
  let runUrl = "";
  let runId = "";
  let questionCount = 0;

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await setupAdminIfNeeded(page);
    for (const user of [DEE, TOM, DORA, QUINN, VIC]) await createUserViaUi(page, user);
    admin = { context, page };
  });

  test.afterAll(async () => {
    for (const screen of [admin, bridge, ...Object.values(holders)]) await screen?.context.close();
  });

  test("a lead names the four positions, the run reaches go/no-go, and the lead opens the poll with edited questions", async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    const dee = (holders.dee = await signedIn(browser, DEE));
    await dee.page.goto("/runs/new");
    const submit = dee.page.getByRole("button", { name: "Create run" });
    await waitForHydration(submit);
    await dee.page.getByLabel("Name", { exact: true }).fill("MIDI 9 go/no-go");
    await dee.page.getByLabel("Service", { exact: true }).fill("midi-api");
    await dee.page.getByLabel("Version", { exact: true }).fill("9.0.0");
    await dee.page.getByLabel("Planned start").fill("2026-12-01T14:00");
    await dee.page.getByLabel("Deployment Lead").selectOption({ label: `${DEE.name} · Lead` });
    await dee.page.getByLabel("Tech Lead").selectOption({ label: `${TOM.name} · Lead` });
    await dee.page.getByLabel("DevOps").selectOption({ label: `${DORA.name} · Member` });
    await dee.page.getByLabel("QA", { exact: true }).selectOption({ label: `${QUINN.name} · Member` });
    await submit.click();
    await dee.page.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
    runUrl = new URL(dee.page.url()).pathname;
    runId = runUrl.split("/").pop()!;
    await expect(dee.page.getByTestId("go-no-go-panel")).toHaveCount(0); // nothing to vote on yet

    // The checklist itself is another spec's subject: tick it through the same socket commands.
    const socket = await socketFor(dee, baseURL!);
    try {
      let version = 0;
      for (const [status, phase] of [["pre_deployment", "pre_deployment"], ["staging", "staging"], ["smoke_tests", "smoke_testing"]] as const) {
        expect(await command(socket, "run:status", { runId, to: status, version: version++ })).toHaveProperty("data");
        const ids = await dee.page.locator(`[data-testid="run-phase"][data-phase-key="${phase}"] [data-testid="checklist-item"]`).evaluateAll((els) =>
          els.map((el) => (el as HTMLElement).dataset.itemId!),
        );
        for (const itemId of ids) expect(await command(socket, "item:change", { runId, itemId, version: 0, action: { kind: "done", reason: "arranged by the test" } })).toHaveProperty("data");
      }
      expect(await command(socket, "run:status", { runId, to: "go_no_go", version })).toHaveProperty("data");
    } finally {
      socket.disconnect();
    }

    const panel = dee.page.getByTestId("go-no-go-panel");
    await expect(dee.page.getByTestId("run-status")).toHaveText("Go / No-Go");
    await expect(panel.getByTestId("production-gate")).toContainText("PRODUCTION LOCKED Production needs a Go/No-Go decision");
    const form = panel.getByRole("form", { name: "Open the Go/No-Go poll" });
    await expect(form.getByLabel("Question 1", { exact: true })).toHaveValue("Ready for production?");
    // The runbook's seven questions, edited: drop the last, add one of our own.
    await form.getByRole("button", { name: "Remove question 7" }).click();
    await form.getByRole("button", { name: "+ Add question" }).click();
    await form.getByLabel("Question 7", { exact: true }).fill("Support on call for 24 h?");
    questionCount = 7;
    await expect(form.getByText("Order: Deployment Lead → Tech Lead → DevOps → QA")).toBeVisible();
    await panel.screenshot({ path: path.join(SCREENSHOTS, "go-no-go-open-form.png") });
    await form.getByRole("button", { name: "Open the poll (7 questions)" }).click();

    await expect(panel.getByTestId("roll-call-position")).toHaveCount(4);
    await expect(panel.getByRole("rowheader", { name: /Support on call for 24 h\?/ })).toBeVisible();
    await expect(panel.getByTestId("roll-call-position").first()).toHaveAttribute("data-turn", "true");
    await expect(panel.getByTestId("poll-outcome")).toHaveAttribute("data-outcome", "pending");
  });

  test("four holders vote live in their own browsers while the bridge follows; only a holder can answer", async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    holders.tom = await signedIn(browser, TOM);
    holders.dora = await signedIn(browser, DORA);
    holders.quinn = await signedIn(browser, QUINN);
    bridge = await signedIn(browser, VIC, { width: 1920, height: 1080 });
    for (const screen of [holders.tom, holders.dora, holders.quinn]) await screen.page.goto(runUrl);
    await bridge.page.goto(`${runUrl}/bridge`);
    const { dee, tom, dora, quinn } = holders as Record<string, TScreen>;
    for (const screen of [dee, tom, dora, quinn, bridge]) {
      await expect(screen.page.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
    }
    await expect(bridgeRow(bridge.page, "deployment_lead")).toHaveAttribute("data-turn", "true");
    await expect(bridge.page.getByTestId("bridge-poll-outcome")).toContainText("VOTING…");

    // Everyone sees the buttons for their own column only.
    await expect(quinn.page.getByRole("button", { name: /as QA$/ }).first()).toBeVisible();
    await expect(quinn.page.getByRole("button", { name: /as DevOps$/ })).toHaveCount(0);
    await expect(dee.page.getByRole("button", { name: /as Tech Lead$/ })).toHaveCount(0);

    // 1. Deployment Lead: all GO at once. The turn moves on, everywhere.
    await waitForHydration(dee.page.getByRole("button", { name: "All GO as Deployment Lead" }));
    await dee.page.getByRole("button", { name: "All GO as Deployment Lead" }).click();
    await expect(bridgeRow(bridge.page, "deployment_lead")).toHaveAttribute("data-state", "answered");
    await expect(bridgeRow(bridge.page, "tech_lead")).toHaveAttribute("data-turn", "true");
    await expect(cell(quinn.page, "deployment_lead", 0)).toHaveAttribute("data-answer", "go");
    await expect(quinn.page.locator('[data-testid="roll-call-position"][data-position="tech_lead"]')).toHaveAttribute("data-turn", "true");

    // 2. Tech Lead answers question by question; halfway through, the room takes a look.
    await tom.page.getByRole("button", { name: "GO on “Ready for production?” as Tech Lead", exact: true }).click();
    await tom.page.getByRole("button", { name: "GO on “All smoke tests passed?” as Tech Lead", exact: true }).click();
    await expect(bridgeRow(bridge.page, "tech_lead")).toHaveAttribute("data-state", "partial");
    await expect(bridgeRow(bridge.page, "tech_lead")).toContainText(`2 of ${questionCount}`);
    await expect(cell(dora.page, "tech_lead", 1)).toHaveAttribute("data-answer", "go");
    await expect(bridge.page.getByTestId("bridge-poll-outcome")).toContainText(`9 of ${4 * questionCount} answers`);
    await dee.page.screenshot({ path: path.join(SCREENSHOTS, "go-no-go-war-room-mid-roll-call.png"), fullPage: false });
    await tom.page.screenshot({ path: path.join(SCREENSHOTS, "go-no-go-holder-mid-roll-call.png"), fullPage: false });
    await bridge.page.screenshot({ path: path.join(SCREENSHOTS, "go-no-go-bridge-mid-roll-call.png") });
    await tom.page.getByRole("button", { name: "All GO as Tech Lead" }).click();
    await expect(bridgeRow(bridge.page, "devops")).toHaveAttribute("data-turn", "true");

    // Not a holder: the server refuses even a hand-made request, and nothing changes.
    const socket = await socketFor(quinn, baseURL!);
    try {
      const pollId = await quinn.page.getByTestId("roll-call").getAttribute("data-poll-id");
      const reply = await command(socket, "poll:vote", { runId, pollId, position: "devops", answers: [{ questionIndex: 0, answer: "go", version: 0 }] });
      expect(reply).toEqual({ error: { code: "forbidden", message: "Only the DevOps can answer for DevOps." } });
    } finally {
      socket.disconnect();
    }
    await expect(cell(dee.page, "devops", 0)).toHaveAttribute("data-answer", "pending");

    // 3. DevOps says GO to everything, then changes one answer to NO-GO: a reason is required.
    await dora.page.getByRole("button", { name: "All GO as DevOps" }).click();
    await expect(cell(dee.page, "devops", 3)).toHaveAttribute("data-answer", "go");
    await expect(bridge.page.getByTestId("bridge-poll-outcome")).toHaveAttribute("data-outcome", "pending");
    await dora.page.getByRole("button", { name: `NO-GO on “${ROLLBACK_QUESTION}” as DevOps` }).click();
    const record = dora.page.getByRole("button", { name: "Record NO-GO" });
    await expect(record).toBeDisabled();
    await dora.page.getByLabel(`NO-GO on “${ROLLBACK_QUESTION}” as DevOps: why?`).fill(NO_GO_REASON);
    await record.click();
    await expect(cell(dee.page, "devops", 3)).toHaveAttribute("data-answer", "no_go");
    await expect(cell(dee.page, "devops", 3)).toContainText(NO_GO_REASON);
    await expect(cell(dee.page, "devops", 3)).toContainText("changed 1×");
    await expect(bridge.page.getByTestId("bridge-poll-outcome")).toHaveAttribute("data-outcome", "reschedule");
    await expect(bridge.page.getByTestId("bridge-poll-reasons")).toContainText(NO_GO_REASON);
    await expect(dee.page.getByTestId("timeline")).toContainText(`${DORA.name} (DevOps) changed “${ROLLBACK_QUESTION}” from GO to NO-GO: ${NO_GO_REASON}`);

    // The lead cannot close while QA has not answered.
    await expect(dee.page.getByRole("button", { name: "Close the poll" })).toBeDisabled();
    await expect(dee.page.getByTestId("poll-lead-actions")).toContainText("Closes once QA has answered every question.");

    // 4. QA, last in the roll call.
    await expect(bridgeRow(bridge.page, "qa")).toHaveAttribute("data-turn", "true");
    await quinn.page.getByRole("button", { name: "All GO as QA" }).click();
    await expect(bridgeRow(bridge.page, "qa")).toHaveAttribute("data-state", "answered");
    await expect(bridge.page.locator('[data-testid="bridge-roll-call-row"][data-turn="true"]')).toHaveCount(0);
  });

  test("the lead closes: RESCHEDULE with its reason, and production is refused", async () => {
    const { dee, quinn } = holders as Record<string, TScreen>;
    await dee.page.getByRole("button", { name: "Close the poll" }).click();
    for (const page of [dee.page, quinn.page]) {
      await expect(page.getByTestId("poll-outcome")).toHaveAttribute("data-status", "closed");
      await expect(page.getByTestId("poll-outcome")).toHaveAttribute("data-outcome", "reschedule");
      await expect(page.getByTestId("poll-reasons")).toContainText(`DevOps on “${ROLLBACK_QUESTION}”: ${NO_GO_REASON}`);
    }
    await expect(bridge.page.getByTestId("bridge-poll-outcome")).toHaveAttribute("data-status", "closed");
    await expect(bridge.page.getByTestId("bridge-poll-outcome")).toContainText("RESCHEDULE");
    await expect(quinn.page.getByRole("button", { name: /as QA$/ })).toHaveCount(0); // closed: no more answers

    await dee.page.getByRole("button", { name: "Move to Production rollout" }).click();
    await expect(dee.page.getByRole("alert").filter({ hasText: "said RESCHEDULE" })).toContainText(
      `The Go/No-Go poll (round 1) said RESCHEDULE (DevOps: ${NO_GO_REASON})`,
    );
    await expect(quinn.page.getByTestId("run-status")).toHaveText("Go / No-Go");
    await expect(bridge.page.getByTestId("bridge-go-no-go")).toBeVisible();
    await dee.page.screenshot({ path: path.join(SCREENSHOTS, "go-no-go-war-room-reschedule.png") });
    await bridge.page.screenshot({ path: path.join(SCREENSHOTS, "go-no-go-bridge-reschedule.png") });
  });

  test("a lead may override the RESCHEDULE only with a written reason, shown prominently everywhere", async () => {
    const { dee, quinn } = holders as Record<string, TScreen>;
    await dee.page.getByRole("button", { name: "Override to PROCEED…" }).click();
    const form = dee.page.getByRole("form", { name: "Override to PROCEED" });
    const confirm = form.getByRole("button", { name: "Override: PROCEED" });
    await form.getByLabel(/Why proceed despite the NO-GO\?/).fill("too short");
    await expect(confirm).toBeDisabled();
    const reason = "Schema rollback rehearsed by hand at 13:50; CTO accepts the risk";
    await form.getByLabel(/Why proceed despite the NO-GO\?/).fill(reason);
    await confirm.click();
    await expect(quinn.page.getByTestId("poll-override")).toContainText(`RESCHEDULE overridden to PROCEED by ${DEE.name}`);
    await expect(quinn.page.getByTestId("poll-override")).toContainText(reason);
    await expect(quinn.page.getByTestId("poll-outcome")).toHaveAttribute("data-outcome", "overridden");
    await expect(bridge.page.getByTestId("bridge-poll-override")).toContainText(reason);
    await expect(bridge.page.getByTestId("bridge-status-light")).toHaveAttribute("data-state", "attention");
    await expect(dee.page.getByTestId("production-gate")).toContainText("PRODUCTION UNLOCKED");
    await expect(quinn.page.getByTestId("timeline")).toContainText(`${DEE.name} OVERRODE the Go/No-Go RESCHEDULE (round 1) to PROCEED: ${reason}`);
    await bridge.page.screenshot({ path: path.join(SCREENSHOTS, "go-no-go-bridge-override.png") });
  });

  test("the lead still reopens for a clean vote: round 2 all GO says PROCEED and the run enters production; round 1 stays on the record", async () => {
    test.setTimeout(60_000);
    const { dee, tom, dora, quinn } = holders as Record<string, TScreen>;
    await dee.page.getByRole("button", { name: "Reopen as round 2" }).click();
    await expect(dee.page.getByTestId("poll-current-round")).toHaveAttribute("data-round", "2");
    await expect(dee.page.getByTestId("poll-current-round").getByTestId("poll-outcome")).toHaveAttribute("data-status", "open");
    await expect(bridge.page.getByTestId("bridge-go-no-go")).toContainText("round 2");
    await expect(dee.page.locator('[data-testid="poll-round"][data-round="1"]')).toContainText("PROCEED (OVERRIDE)");
    await expect(dee.page.getByTestId("production-gate")).toContainText("PRODUCTION LOCKED The Go/No-Go poll (round 2) is still open");

    for (const [screen, label] of [[dee, "Deployment Lead"], [tom, "Tech Lead"], [dora, "DevOps"], [quinn, "QA"]] as const) {
      const allGo = screen.page.getByRole("button", { name: `All GO as ${label}` });
      await expect(allGo).toBeEnabled();
      await allGo.click();
      await expect(allGo).toBeDisabled();
    }
    await expect(bridge.page.getByTestId("bridge-poll-outcome")).toHaveAttribute("data-outcome", "proceed");
    await dee.page.getByRole("button", { name: "Close the poll" }).click();
    await expect(dee.page.getByTestId("production-gate")).toContainText("PRODUCTION UNLOCKED");
    await dee.page.getByRole("button", { name: "Move to Production rollout" }).click();
    await expect(quinn.page.getByTestId("run-status")).toHaveText("Production rollout");
    await expect(bridge.page.getByTestId("bridge-rollout")).toBeVisible();
    // After go/no-go the decision stays on the war room's record, both rounds.
    await expect(quinn.page.getByTestId("poll-round")).toHaveCount(2);
    await quinn.page.getByTestId("poll-round").filter({ hasText: "Round 1" }).locator("summary").click();
    await expect(quinn.page.getByTestId("poll-round").filter({ hasText: "Round 1" }).getByTestId("poll-frozen-context")).toContainText("Recorded at close: checklist");
    await quinn.page.getByTestId("go-no-go-panel").screenshot({ path: path.join(SCREENSHOTS, "go-no-go-record-after-production.png") });
  });
});
