// Run by `npm test` and `npm run test:e2e` just before `playwright test`: makes sure a Chromium is
// there (downloading Playwright's own if needed), or stops with one line saying what to do.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { chromium } from "@playwright/test";
import { afterInstall, chooseChromium, INSTALL_COMMAND, type TChromiumChoice, type TChromiumFacts } from "./chromium-choice";

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const facts: TChromiumFacts = { envPath: process.env.CHROMIUM_PATH || undefined, playwrightPath: chromium.executablePath(), isExecutable };

let choice: TChromiumChoice = chooseChromium(facts);
if (choice.kind === "install") {
  console.log(`e2e: no Chromium found; downloading Playwright's (${INSTALL_COMMAND})…`);
  // Its output on failure is a page of retries and stacks; the one line below says it better.
  const install = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "pipe", encoding: "utf8" });
  choice = afterInstall(install.status, facts);
}
if (choice.kind === "stop") {
  console.error(choice.message);
  process.exit(1);
}
if (choice.kind === "found" && choice.source === "playwright") console.log(`e2e: using Playwright's Chromium at ${choice.path}`);
