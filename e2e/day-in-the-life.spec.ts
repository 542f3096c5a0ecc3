// A day in the life: the whole seed runbook walked as a team would, in two variants.
//
// Four position holders (Deployment Lead, Tech Lead, DevOps, QA) work from their own browsers; the
// bridge screen (1920×1080) and a stakeholder's status link (a phone, no account) are open from the
// start. The Deployment Lead creates the run from the seed template as a rehearsal 30× faster (New
// run → Time: rollout checkpoints and rule windows divided by 30, labelled so), makes the status link,
// and the team ticks every item of Pre-Deployment, Staging and Smoke Testing; the four vote GO in the
// roll call; a "monitoring script" pushes the demo's metric series through the public API with a
// token made in the war room; the lead steps the canary and posts the 30-minute update.
// - complete: 10% → 50% → 100%, each step after its checkpoint went green; validation; the
//   monitoring hour's rounds; the complete announcement; the run completes.
// - rollback: at 10% the canary's error rate climbs past 5% and stays there; ROLLBACK RECOMMENDED on
//   every screen; the lead walks "Canary Metrics Red" to ROLLBACK and posts the rollback message.
// Both end on the deployment record. At every checkpoint the bridge and the status page must show
// what the war room shows (expectViewsAgree), and each screen is saved under
// e2e/.screenshots/day-in-the-life/<variant>/.
import path from "node:path";
import { type BrowserContext, expect, test } from "@playwright/test";
import { awaitAutoTick, phaseItems, recordRound, tickItem, tickPhase, type TLead } from "./support/day-checklist";
import { expectViewsAgree, snapViews, type TViews } from "./support/day-views";
import { CAST, createMetricToken, createRunViaUi, createStatusLink, itemId, openAs, POSITIONS, postAnnouncement, RELEASE, signedInTeam, SPEED } from "./support/day-team";
import { startMetricFeed, type TMetricFeed } from "./support/metric-feed";

/** A rollout stage in the record: successful with data, or unverified with how long it had none. */
const STAGE_VERDICT = /^(✅ Successful|Unverified — no data for \d+ min)$/;

const SCREENSHOTS = path.join(__dirname, ".screenshots", "day-in-the-life");
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

for (const variant of ["complete", "rollback"] as const) {
  test(`a day in the life of a deployment: ${variant === "complete" ? "canary to 100% and completed" : "canary red, walked to rollback"}`, async ({ browser, baseURL }) => {
    test.setTimeout(10 * 60_000);
    const dir = path.join(SCREENSHOTS, variant);
    const contexts: BrowserContext[] = [];
    let feed: TMetricFeed | undefined;
    let shot = 0;
    try {
      // ── The team: four holders in their own browsers, a bridge screen, a stakeholder's phone.
      const sessions = await signedInTeam(browser);
      const leads: TLead[] = [];
      for (const { position, label } of POSITIONS) {
        const page = await openAs(browser, contexts, sessions[position]);
        await page.goto("/runs");
        leads.push({ position, label, name: CAST[position], page });
      }
      const [dl, tech, devops, qa] = leads;
      const runId = await createRunViaUi(dl.page, variant);
      const runUrl = `/runs/${runId}`;
      const statusUrl = await createStatusLink(dl.page, runId);
      for (const lead of [tech, devops, qa]) await lead.page.goto(runUrl);
      const bridge = await openAs(browser, contexts, sessions.bridge, { width: 1920, height: 1080 });
      await bridge.goto(`${runUrl}/bridge`);
      const stakeholderContext = await browser.newContext(PHONE);
      contexts.push(stakeholderContext);
      const status = await stakeholderContext.newPage();
      await status.goto(statusUrl);
      for (const lead of leads) await expect(lead.page.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
      await expect(bridge.getByTestId("connection-indicator")).toHaveAttribute("data-state", "connected");
      await expect(status.getByTestId("status-connection")).toHaveAttribute("data-state", "live");
      const views: TViews = { warRoom: dl.page, bridge, status };
      const agree = (expected: Parameters<typeof expectViewsAgree>[1], checkpoint: string) => expectViewsAgree(views, expected, checkpoint);
      const snap = (name: string, focus?: Parameters<typeof snapViews>[4]) => snapViews(views, dir, ++shot, name, focus);
      const phase = (key: string) => dl.page.locator(`[data-testid="run-phase"][data-phase-key="${key}"]`);
      const move = async (to: string) => {
        await dl.page.getByRole("button", { name: `Move to ${to}` }).click();
      };

      const planned = await agree({ status: "planned", light: "on_track", rollout: 0 }, "planned");
      expect(planned.progress).toMatch(/^0 of \d+$/);
      // A rehearsal says so wherever its compressed clocks show.
      await expect(dl.page.locator('[data-testid="rule-state"][data-rule^="Error rate > 5% sustained"]')).toHaveAttribute(
        "data-rule",
        `Error rate > 5% sustained (5 minutes) [time ×${SPEED}: 10 s]`,
      );
      await snap("planned");

      await test.step("Pre-Deployment: every item, ticked by its owner, seen live by the others", async () => {
        await dl.page.getByRole("button", { name: "Start deployment" }).click();
        await agree({ status: "pre_deployment", phase: "Pre-Deployment", phaseProgress: `0 of ${(await phaseItems(dl.page, "pre_deployment")).length}` }, "pre-deployment started");
        const n = await tickPhase("pre_deployment", leads, {
          "Morning Of Deployment": qa,
          "System Verification": devops,
          "Team Preparation": dl,
          "Final Code Check": tech,
          Communication: dl,
          "30 Minutes Before": tech,
        }, dl);
        await agree({ status: "pre_deployment", phaseProgress: `${n} of ${n}`, light: "on_track" }, "pre-deployment done");
        await snap("pre-deployment-done", phase("pre_deployment"));
      });

      await test.step("Staging and Smoke Testing", async () => {
        await move("Staging");
        const staging = await tickPhase("staging", leads, {}, devops);
        await agree({ status: "staging", phase: "Staging Deployment", phaseProgress: `${staging} of ${staging}` }, "staging done");
        await snap("staging-done", phase("staging"));
        await move("Smoke tests");
        const smoke = await tickPhase("smoke_testing", leads, { "Run Core Smoke Tests": devops }, qa);
        await agree({ status: "smoke_tests", phase: "Smoke Testing", phaseProgress: `${smoke} of ${smoke}`, light: "on_track" }, "smoke tests done");
        await snap("smoke-tests-done", phase("smoke_testing"));
      });

      await test.step("Go/No-Go: the four holders vote GO in the roll call; PROCEED", async () => {
        await move("Go / No-Go");
        await agree({ status: "go_no_go", phase: null }, "go/no-go");
        const panel = dl.page.getByTestId("go-no-go-panel");
        await panel.getByRole("form", { name: "Open the Go/No-Go poll" }).getByRole("button", { name: /^Open the poll/ }).click();
        for (const lead of leads) {
          const allGo = lead.page.getByRole("button", { name: `All GO as ${lead.label}` });
          await expect(allGo).toBeEnabled();
          await allGo.click();
          await expect(allGo).toBeDisabled();
          await expect(bridge.locator(`[data-testid="bridge-roll-call-row"][data-position="${lead.position}"]`)).toHaveAttribute("data-state", "answered");
        }
        await expect(bridge.getByTestId("bridge-poll-outcome")).toHaveAttribute("data-outcome", "proceed");
        await snap("go-no-go-all-go", panel);
        await dl.page.getByRole("button", { name: "Close the poll…" }).click();
        const closing = dl.page.getByTestId("close-poll-dialog");
        await expect(closing.getByTestId("confirm-consequences")).toContainText("The outcome is PROCEED: production unlocks");
        await closing.getByRole("button", { name: "Close the poll", exact: true }).click();
        await expect(panel.getByTestId("production-gate")).toContainText("PRODUCTION UNLOCKED");
        await expect(status.getByTestId("status-go-no-go")).toContainText("GO: proceed to production");
        await expect(bridge.getByTestId("bridge-poll-outcome")).toHaveAttribute("data-status", "closed");
        await agree({ status: "go_no_go" }, "poll closed");
        await snap("go-no-go-proceed", panel);
      });

      await test.step("Production: a monitoring script feeds metrics; the canary goes to 10%", async () => {
        await move("Production rollout");
        await agree({ status: "production", phase: "Production Deployment", rollout: 0 }, "production");
        const token = await createMetricToken(dl.page);
        feed = startMetricFeed({ baseURL: baseURL!, runId, token, speed: SPEED, everyMs: 3000 });
        // Every rule judged on data before the first step, so its checkpoint starts green.
        await expect(dl.page.locator('[data-testid="rule-state"]').first()).toBeVisible();
        await expect(dl.page.locator('[data-testid="rule-state"][data-state="inconclusive"]')).toHaveCount(0, { timeout: 30_000 });
        await dl.page.getByRole("button", { name: "Step to 10%" }).click();
        await tickItem(devops.page, await itemId(devops.page, "Canary (10%) deployed successfully"));
        await agree({ status: "production", rollout: 10, light: "on_track" }, "canary 10%");
        await snap("canary-10", dl.page.getByTestId("rollout-stepper"));
      });

      const postUpdate = async () => {
        const posted = await postAnnouncement(dl.page, "Progress update…", "Deployment In Progress");
        expect(posted).toContain("Current Phase: Production Deployment");
        await expect(status.getByTestId("status-announcement").first()).toContainText("Current Phase: Production Deployment");
        await expect(dl.page.getByTestId("update-due")).toContainText("Last posted");
      };

      if (variant === "complete") {
        const stepAfterGreen = async (next: number, greenItem: string, stepItem: string) => {
          await expect(dl.page.getByTestId("rollout-checkpoint")).toContainText("checkpoint reached", { timeout: 60_000 });
          // Tied to its checkpoint: with the feed green it ticks itself, with the evidence.
          await awaitAutoTick(devops.page, await itemId(devops.page, greenItem));
          await dl.page.getByRole("button", { name: `Step to ${next}%` }).click();
          await tickItem(devops.page, await itemId(devops.page, stepItem));
          await agree({ status: "production", rollout: next, light: "on_track" }, `rollout ${next}%`);
        };
        await test.step("the canary's checkpoint goes green: 50%, then the 30-minute update", async () => {
          await stepAfterGreen(50, "Canary metrics green (5 minutes)", "50% progressive rollout");
          await snap("rollout-50", dl.page.getByTestId("rollout-stepper"));
          await postUpdate();
          await snap("update-posted", dl.page.getByTestId("rollout-stepper"));
        });
        await test.step("100% after the 50% checkpoint; the full checkpoint goes green", async () => {
          await stepAfterGreen(100, "50% metrics green (2 minutes)", "100% deployment");
          await snap("rollout-100", dl.page.getByTestId("rollout-stepper"));
          await expect(dl.page.getByTestId("rollout-checkpoint")).toContainText("checkpoint reached", { timeout: 60_000 });
          await awaitAutoTick(devops.page, await itemId(devops.page, "Full metrics green (5 minutes)"));
          await agree({ status: "production", phaseProgress: "6 of 6", rollout: 100, light: "on_track" }, "full rollout green");
          await expect(bridge.getByTestId("bridge-checkpoint")).toContainText("Checkpoint green: rollout complete");
        });
        await test.step("Production Validation, then the monitoring hour", async () => {
          await move("Validation");
          const validation = await tickPhase("validation", leads, { "Automated Checks": devops }, qa);
          await agree({ status: "validation", phase: "Production Validation", phaseProgress: `${validation} of ${validation}`, rollout: 100 }, "validation done");
          await snap("validation-done", phase("validation"));
          await move("Monitoring");
          await agree({ status: "monitoring", phase: "Post-Deployment", light: "on_track" }, "monitoring");
          await recordRound(devops, leads, "Every 5 Minutes", "Error rate 0.2%, p95 430 ms, CPU 38%, pool fine");
          await recordRound(tech, leads, "Every 15 Minutes", "Logs clean, trends flat");
          const post = await tickPhase("post_deployment", leads, { "Extended Monitoring": tech }, dl);
          const posted = await postAnnouncement(dl.page, "Completion notice…", "Deployment Complete");
          expect(posted).toContain("DEPLOYMENT SUCCESSFUL");
          await expect(status.getByTestId("status-announcement").first()).toContainText("DEPLOYMENT SUCCESSFUL");
          await agree({ status: "monitoring", phaseProgress: `${post} of ${post}`, light: "on_track" }, "monitoring done");
          await snap("monitoring-done", phase("post_deployment"));
        });
        await test.step("the run completes", async () => {
          await move("Completed");
          await agree({ status: "completed", phase: null, light: "on_track", rollout: 100 }, "completed");
          // Finished: the light says how it ended, once.
          await expect(status.getByTestId("status-light-word")).toHaveText("Completed");
          await expect(status.getByTestId("status-stage")).toHaveCount(0);
          await snap("completed");
        });
      } else {
        await test.step("the 30-minute update during the canary", async () => {
          await postUpdate();
          await snap("update-posted", dl.page.getByTestId("rollout-stepper"));
        });
        await test.step("the canary's error rate climbs past 5% and stays: ROLLBACK RECOMMENDED everywhere", async () => {
          feed!.playIncident();
          const banner = dl.page.getByTestId("rollback-banner");
          await expect(banner).toHaveAttribute("data-active", "true", { timeout: 120_000 });
          await expect(banner).toContainText("ROLLBACK RECOMMENDED");
          await expect(banner.getByTestId("rollback-trigger")).toContainText("Error rate > 5% sustained (5 minutes)");
          await agree({ status: "production", rollout: 10, light: "rollback" }, "rollback recommended");
          await expect(bridge.getByTestId("bridge-rollback-banner")).toContainText("ROLLBACK RECOMMENDED");
          await expect(status.getByTestId("status-light-word")).toHaveText("Rollback recommended");
          await expect(status.getByTestId("status-reason")).toContainText("ROLLBACK RECOMMENDED: Error rate > 5% sustained");
          for (const lead of [tech, devops, qa]) await expect(lead.page.getByTestId("rollback-banner")).toHaveAttribute("data-active", "true");
          await snap("rollback-recommended", dl.page.getByTestId("metrics-panel"));
        });
        await test.step("the Deployment Lead walks Canary Metrics Red to ROLLBACK", async () => {
          const offer = dl.page.getByTestId("decision-offer");
          await expect(offer).toHaveAttribute("data-tree", "canary_red");
          await expect(offer.getByTestId("decision-evidence")).toContainText("Rollback rule firing: Error rate > 5% sustained");
          await offer.getByRole("button", { name: "Walk the guide" }).click();
          const walk = dl.page.getByTestId("decision-walk");
          await walk.getByRole("button", { name: "Widespread" }).click();
          await walk.getByRole("button", { name: "ROLLBACK immediately" }).click();
          await expect(walk.getByTestId("decision-trail")).toHaveText("Where are the errors? → Widespread → ROLLBACK immediately");
          await expect(walk.getByTestId("decision-effect")).toHaveText("Moves the run to Rolled back.");
          await expect(tech.page.getByTestId("decision-walk")).toContainText("ROLLBACK immediately");
          await snap("decision-guide", walk);
          // The one rollback action: the same words as the header's and the banner's, and a confirmation saying what happens.
          await walk.getByRole("button", { name: "Roll back…" }).click();
          const rollingBack = dl.page.getByTestId("roll-back-dialog");
          await expect(rollingBack.getByTestId("confirm-consequences")).toContainText("Reason on the record: Canary Metrics Red: Widespread → ROLLBACK immediately");
          await rollingBack.getByRole("button", { name: "Roll back", exact: true }).click();
          const message = await postAnnouncement(dl.page, "", "Rollback", { "Expected rollback minutes": "10" });
          expect(message).toMatch(/^🚨 ROLLBACK IN PROGRESS/);
          await expect(status.getByTestId("status-announcement").first()).toContainText("ROLLBACK IN PROGRESS");
          await agree({ status: "rolled_back", phase: null, light: "rollback" }, "rolled back");
          // Said once, with where from: never "Rolling back / Rolled back / Rolled back".
          await expect(status.getByTestId("status-light-word")).toHaveText("Rolled back");
          await expect(status.getByTestId("status-reason")).toContainText("From 10% of production traffic");
          await expect(status.getByTestId("status-phase")).toContainText("Production Deployment");
          // Decided: no screen still asks whether to roll back.
          await expect(dl.page.getByTestId("rollback-banner")).toHaveCount(0);
          await expect(bridge.getByTestId("bridge-rollback-banner")).toHaveCount(0);
          await expect(bridge.getByTestId("bridge-status-light")).toHaveAttribute("data-word", "ROLLED BACK");
          await expect(bridge.getByTestId("bridge-status-reason")).toContainText("From 10% of production traffic");
          await snap("rolled-back");
        });
      }

      await feed?.stop();
      expect(feed?.lastError ?? null, "every metric batch was accepted").toBeNull();
      expect(feed!.accepted).toBeGreaterThan(10);

      await test.step("the deployment record", async () => {
        await dl.page.getByRole("link", { name: "Deployment record" }).click();
        await dl.page.waitForURL(`**/runs/${runId}/record`);
        const record = dl.page.getByTestId("deployment-record");
        const field = (label: string) => record.locator(`[data-testid="record-block"] dd[data-field="${label}"]`);
        await expect(field("Deployed By")).toHaveText(CAST.deployment_lead);
        await expect(field("Git Commit")).toHaveText(RELEASE[variant].commit);
        await expect(field("Pre-deployment checks")).toHaveText("✅ All passed");
        await expect(field("Staging tests")).toHaveText("✅ All passed");
        await expect(record.getByTestId("record-go-no-go")).toContainText("PROCEED");
        await expect(record.getByTestId("record-announcements")).toContainText("Current Phase: Production Deployment");
        if (variant === "complete") {
          await expect(record.getByTestId("record-outcome")).toHaveText("✅ SUCCESS");
          // "✅ Successful" only with data for every gating rule; the day's feed covers some metrics only.
          await expect(field("Canary deployment")).toHaveText(STAGE_VERDICT);
          await expect(field("Full rollout")).toHaveText(STAGE_VERDICT);
          await expect(field("Post-deployment validation")).toHaveText("✅ All passed");
          await expect(field("Error Rate")).toHaveText(/^0\.\d+%$/);
          await expect(record.getByTestId("record-rollout")).toContainText("Progressive 50%");
          await expect(record.getByTestId("record-baseline")).toContainText("Error Rate");
        } else {
          await expect(record.getByTestId("record-outcome")).toHaveText("⟲ ROLLED BACK");
          await expect(field("Canary deployment")).toHaveText("❌ Rolled back at 10%");
          await expect(record.getByTestId("record-decisions")).toContainText("Decision guide: Canary Metrics Red");
          await expect(record.getByTestId("record-announcements")).toContainText("ROLLBACK IN PROGRESS");
        }
        await dl.page.screenshot({ path: path.join(dir, `${String(++shot).padStart(2, "0")}-record-war-room.png`), fullPage: true });
      });
    } finally {
      await feed?.stop();
      for (const context of contexts) await context.close().catch(() => undefined);
    }
  });
}
