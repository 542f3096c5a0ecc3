// A run named with a right-to-left override (U+202E): the override stays inside the text it was
// typed in. On the war room and the status page the service, version and commit printed beside it
// read left to right, in the order they were written, each one its own isolated element.
import path from "node:path";
import { expect, type Locator, test } from "@playwright/test";
import { createRunViaUi, createStatusLinkViaUi, createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser } from "./support/fixtures";

const SCREENSHOTS = path.join(__dirname, ".screenshots");
const RLO = "\u202E";
const BIDI: TNewUser = { name: "Bea Bidi", email: "bea-bidi@warroom.test", password: "bea-password-123", role: "lead" };
// The name and the service both carry the override: the service shares its line with the version and commit.
const RUN_NAME = `Release ${RLO}evil.exe`;
const SERVICE = `payments${RLO}`;
const VERSION = "4.2.0-rc.1";
const COMMIT = "abc1234";

type TPlaced = { x: number; y: number; width: number; bidi: string };

/** Where the user-text element holding exactly `text` sits on screen, and how it is isolated. */
async function placed(scope: Locator, text: string): Promise<TPlaced> {
  const found = await scope.locator("bdi").evaluateAll(
    (elements, wanted) =>
      elements
        .filter((element) => element.textContent === wanted)
        .map((element) => {
          const rect = element.getBoundingClientRect();
          return { x: rect.x, y: rect.y, width: rect.width, bidi: getComputedStyle(element).unicodeBidi };
        }),
    text,
  );
  expect(found, `an isolated element holds “${text}”`).toHaveLength(1);
  return found[0];
}

/** The pieces, in the order they were typed, lie left to right on one line, each isolated. */
async function expectLogicalOrder(scope: Locator, texts: string[]) {
  const boxes: TPlaced[] = [];
  for (const text of texts) boxes.push(await placed(scope, text));
  for (const [i, box] of boxes.entries()) {
    expect(box.bidi, `${texts[i]} is isolated`).toBe("isolate");
    if (i === 0) continue;
    const before = boxes[i - 1];
    expect(Math.abs(box.y - before.y), `${texts[i]} is on the line of ${texts[i - 1]}`).toBeLessThan(4);
    expect(box.x, `${texts[i]} comes after ${texts[i - 1]}`).toBeGreaterThanOrEqual(before.x + before.width - 1);
  }
}

test("a right-to-left override in a run name reverses nothing beside it, in the war room and on the status page", async ({ browser }) => {
  // Three contexts, a new user, a run and a status link: more than one default test's worth of work.
  test.setTimeout(120_000);
  const setup = await browser.newContext();
  const admin = await setup.newPage();
  await setupAdminIfNeeded(admin);
  await createUserViaUi(admin, BIDI);
  await setup.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, BIDI.email, BIDI.password);
  const runUrl = await createRunViaUi(page, { name: RUN_NAME, service: SERVICE, version: VERSION, commit: COMMIT, leadName: BIDI.name });

  const header = page.locator("header").filter({ has: page.getByTestId("run-status") });
  await expect(header.getByRole("heading", { level: 1 })).toHaveText(RUN_NAME);
  await expectLogicalOrder(header, [SERVICE, VERSION, COMMIT]);
  await expect(header.getByRole("heading", { level: 1 }).locator("bdi")).toHaveCSS("unicode-bidi", "isolate");
  await header.screenshot({ path: path.join(SCREENSHOTS, "bidi-war-room-header.png") });

  await page.goto(`${runUrl}/share`);
  const statusUrl = await createStatusLinkViaUi(page, `Stakeholders ${RLO}reversed`);
  await expect(page.getByTestId("share-link-row").locator("bdi", { hasText: "Stakeholders" })).toHaveCSS("unicode-bidi", "isolate");

  const stakeholder = await browser.newContext();
  const status = await stakeholder.newPage();
  await status.goto(statusUrl);
  await expect(status.getByTestId("status-run-name")).toHaveText(RUN_NAME);
  // The server's page first, then the live client takes it over (loaded late): measure what it shows.
  await expect(status.getByTestId("status-connection")).toHaveAttribute("data-state", "live");
  // A status link shows no commit: the service and version share the line.
  await expectLogicalOrder(status.locator("main > header"), [SERVICE, VERSION]);
  await status.screenshot({ path: path.join(SCREENSHOTS, "bidi-status-page.png") });
  await stakeholder.close();
  await context.close();
});
