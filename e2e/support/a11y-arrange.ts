// Arranging the runs the accessibility spec checks, as a team would leave them: over the UI where a
// person does it, over the war room's own socket commands for the many ticks in between.
import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { TClientToServerEvents, TServerToClientEvents } from "../../lib/realtime/events";
import { ADMIN, createStatusLinkViaUi, setupAdminIfNeeded, waitForHydration } from "./fixtures";
import { sendCommand } from "./socket-command";

export type TClient = Socket<TServerToClientEvents, TClientToServerEvents>;

export async function socketFor(context: BrowserContext, baseURL: string): Promise<TClient> {
  const cookie = (await context.cookies(baseURL)).map((c) => `${c.name}=${c.value}`).join("; ");
  const socket: TClient = io(baseURL, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie } });
  await new Promise<void>((resolve, reject) => {
    socket.on("session:ready", () => resolve());
    socket.on("connect_error", reject);
  });
  return socket;
}

/** Sends one command over the socket and returns its data, failing the test on a refusal. */
export async function command<T = { seq: number }>(socket: TClient, name: keyof TClientToServerEvents, input: object): Promise<T> {
  // Arranging sends raw inputs for any command: the server's own schema checks them.
  const reply = await sendCommand<T>(socket, name, input);
  if ("error" in reply) throw new Error(`${name} refused: ${reply.error.message}`);
  return reply.data;
}

export async function createRunViaUi(page: Page, name: string, techLead: string = ADMIN.name): Promise<string> {
  await page.goto("/runs/new");
  const submit = page.getByRole("button", { name: "Create run" });
  await waitForHydration(submit);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Service", { exact: true }).fill("midi-api");
  await page.getByLabel("Version", { exact: true }).fill("9.0.0");
  await page.getByLabel("Commit", { exact: true }).fill("6eb59fa");
  await page.getByLabel("Planned start").fill("2026-12-01T14:00");
  await page.getByLabel("Deployment Lead").selectOption({ label: `${ADMIN.name} · Admin` });
  await page.getByLabel("Tech Lead").selectOption({ label: techLead === ADMIN.name ? `${ADMIN.name} · Admin` : `${techLead} · Lead` });
  await submit.click();
  await page.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname) && url.pathname !== "/runs/new");
  return new URL(page.url()).pathname.split("/").pop()!;
}

export type TPreDeploymentRoom = { context: BrowserContext; page: Page; socket: TClient; runId: string };

/**
 * The admin's war room on a new run moved to Pre-deployment, live. `beforePage` runs on the context
 * before its first page opens (e.g. to install a network cut that must see every request).
 */
export async function openPreDeploymentRoom(
  browser: Browser,
  baseURL: string,
  name: string,
  beforePage: (context: BrowserContext) => Promise<void> = async () => undefined,
): Promise<TPreDeploymentRoom> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await beforePage(context);
  const page = await context.newPage();
  await setupAdminIfNeeded(page);
  const runId = await createRunViaUi(page, name);
  const socket = await socketFor(context, baseURL);
  await command(socket, "run:status", { runId, to: "pre_deployment", version: 0 });
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
  return { context, page, socket, runId };
}

export const itemIds = (page: Page, phaseKey: string) =>
  page.locator(`[data-testid="run-phase"][data-phase-key="${phaseKey}"] [data-testid="checklist-item"]`).evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.itemId!));

/** A run through its checklist to go/no-go, with the poll open: the Deployment Lead all GO, the Tech Lead one GO, one NO-GO, one to answer. */
export async function arrangePoll(page: Page, socket: TClient, techLeadSocket: TClient, runId: string) {
  await page.goto(`/runs/${runId}`);
  let version = 0;
  for (const [status, phase] of [["pre_deployment", "pre_deployment"], ["staging", "staging"], ["smoke_tests", "smoke_testing"]] as const) {
    await command(socket, "run:status", { runId, to: status, version: version++ });
    for (const itemId of await itemIds(page, phase)) await command(socket, "item:change", { runId, itemId, version: 0, action: { kind: "done", reason: "arranged by the test" } });
  }
  await command(socket, "run:status", { runId, to: "go_no_go", version });
  const questions = ["Ready for production?", "All smoke tests passed?", "Rollback plan ready?"];
  await command(socket, "poll:open", { runId, questions, positions: ["deployment_lead", "tech_lead"] });
  await page.reload();
  const pollId = (await page.getByTestId("roll-call").getAttribute("data-poll-id"))!;
  const answers = (position: string) => questions.map((_, questionIndex) => ({ questionIndex, version: 0, ...(position === "tech_lead" && questionIndex === 2 ? { answer: "no_go", reason: "Rollback script not rehearsed" } : { answer: "go" }) }));
  await command(socket, "poll:vote", { runId, pollId, position: "deployment_lead", answers: answers("deployment_lead") });
  await command(techLeadSocket, "poll:vote", { runId, pollId, position: "tech_lead", answers: answers("tech_lead").slice(1) });
}

/** A run under way with every checklist state, an announcement whose webhook fails, and a canary breaching past the rollback trigger. */
export async function arrangeRollback(page: Page, socket: TClient, runId: string, baseURL: string) {
  await page.goto(`/runs/${runId}`);
  await command(socket, "run:status", { runId, to: "pre_deployment", version: 0 });
  const [done, skipped, failed] = await itemIds(page, "pre_deployment");
  await command(socket, "item:change", { runId, itemId: done, version: 0, action: { kind: "done", reason: "arranged by the test" } });
  await command(socket, "item:change", { runId, itemId: skipped, version: 0, action: { kind: "skip", reason: "Covered by the nightly backup" } });
  await command(socket, "item:change", { runId, itemId: failed, version: 0, action: { kind: "fail", note: "Dashboard returns 502" } });
  // Nothing listens on port 9: delivery fails, and the announcement says so.
  await command(socket, "webhook:save", { runId, name: "Team chat", url: "http://127.0.0.1:9/hooks/team", format: "slack" });
  await command(socket, "comms:post", { runId, templateKey: "in_progress", body: "Pre-deployment checks under way. Next update at 15:30." });
  const { token } = await command<{ token: string }>(socket, "token:create", { runId, name: "a11y-monitoring" });
  const now = Date.now();
  const samples = [];
  for (let ago = 12 * 60; ago >= 0; ago -= 15) samples.push(...scrape(now - ago * 1000, ago <= 6.5 * 60));
  await pushSamples(baseURL, runId, token, samples);
  return token;
}

/** One scrape of the key metrics: the canary healthy, or failing past the rollback trigger. */
export function scrape(at: number, isBad: boolean) {
  const timestamp = new Date(at).toISOString();
  return [
    { metric: "error_rate", stage: "canary", timestamp, value: isBad ? 7.5 : 0.3 },
    { metric: "error_rate", stage: "production", timestamp, value: 0.2 },
    { metric: "response_time_p95", stage: "canary", timestamp, value: isBad ? 1450 : 420 },
    { metric: "response_time_p95", stage: "production", timestamp, value: 390 },
  ];
}

export async function pushSamples(baseURL: string, runId: string, token: string, samples: object[]) {
  const response = await fetch(`${baseURL}/api/runs/${runId}/metrics`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ samples }),
  });
  expect(response.status).toBe(200);
}

/** A status link with charts for the run, made in its share page (the address is shown once). */
export async function arrangeStatusLink(page: Page, runId: string): Promise<string> {
  await page.goto(`/runs/${runId}/share`);
  return new URL(await createStatusLinkViaUi(page, "Customer success")).pathname;
}
