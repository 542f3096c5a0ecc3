// A war room on a run with a long history: the page opens with the latest events only, and "Load
// older events" pages back to the run's first event, each event once, then says no more.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { seedTimelineStatements } from "./support/seed-history";
import { withE2eDatabase } from "./support/e2e-database";
import { createRunViaUi, createUserViaUi, setupAdminIfNeeded, signIn, type TNewUser } from "./support/fixtures";

const SHOTS = process.env.SHOTS_DIR ?? path.join(__dirname, ".screenshots", "timeline-older");
const OLGA: TNewUser = { name: "Olga Older", email: "olga@timeline-older.test", password: "olga-password-123", role: "lead" };

test("the timeline opens at the latest 200 events and loads older pages down to the first", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await setupAdminIfNeeded(page);
  await createUserViaUi(page, OLGA);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const lead = await context.newPage();
  await signIn(lead, OLGA.email, OLGA.password);
  const runPath = await createRunViaUi(lead, { name: "Long history", service: "history-e2e", version: "9.0.0", leadName: OLGA.name });
  const runId = runPath.split("/").pop()!;
  const lastSeq = await withE2eDatabase(async (client) => {
    const { rows } = await client.query<{ lastSeq: number }>(`SELECT "lastSeq" FROM "Run" WHERE id = $1`, [runId]);
    for (const { text, values } of seedTimelineStatements(runId, rows[0].lastSeq, 450)) await client.query(text, values);
    return rows[0].lastSeq + 450;
  });

  await lead.goto(runPath);
  const entries = lead.getByTestId("timeline").locator("li[data-seq]");
  await expect(entries).toHaveCount(200);
  await expect(entries.first()).toHaveAttribute("data-seq", String(lastSeq));
  const older = lead.getByTestId("timeline-load-older");
  await older.click();
  await expect(entries).toHaveCount(400);
  await expect(entries.nth(200)).toHaveAttribute("data-seq", String(lastSeq - 200));
  await older.click();
  await expect(entries).toHaveCount(lastSeq);
  await expect(entries.last()).toHaveAttribute("data-seq", "1");
  await expect(older).toHaveCount(0);
  const seqs = (await entries.evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-seq")))));
  expect(seqs).toEqual(Array.from({ length: lastSeq }, (_, i) => lastSeq - i));
  await lead.getByTestId("timeline").screenshot({ path: path.join(SHOTS, "timeline-oldest-1440.png") });
  await context.close();
});
