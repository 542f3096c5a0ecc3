// Which Chromium the e2e tests run in, decided before `playwright test` starts (ensure-chromium.ts),
// so a machine without one gets one, or a single line saying what to do, rather than every spec
// failing to launch. The order is playwright.config.ts's: CHROMIUM_PATH, the system Chromium, then
// Playwright's own. Pure: the facts about the machine are passed in.

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";
export const INSTALL_COMMAND = "npx playwright install chromium";

export type TChromiumFacts = {
  /** CHROMIUM_PATH, if set. */
  envPath: string | undefined;
  /** Where Playwright's own Chromium is (or would be) installed. */
  playwrightPath: string;
  isExecutable: (path: string) => boolean;
};

export type TChromiumChoice =
  | { kind: "found"; path: string; source: "CHROMIUM_PATH" | "system" | "playwright" }
  | { kind: "install" }
  | { kind: "stop"; message: string };

const WHAT_TO_DO = `install Chromium (Debian/Ubuntu: apt-get install chromium), or run ${INSTALL_COMMAND} where it can download, or set CHROMIUM_PATH to a Chromium; then run the tests again`;

/** Before anything is installed: use what is there, or ask for Playwright's download. */
export function chooseChromium(facts: TChromiumFacts): TChromiumChoice {
  // A CHROMIUM_PATH that is wrong is a mistake to report, not a reason to use another browser.
  if (facts.envPath) {
    return facts.isExecutable(facts.envPath)
      ? { kind: "found", path: facts.envPath, source: "CHROMIUM_PATH" }
      : { kind: "stop", message: `e2e: CHROMIUM_PATH=${facts.envPath} is not an executable Chromium; fix or unset it` };
  }
  if (facts.isExecutable(SYSTEM_CHROMIUM)) return { kind: "found", path: SYSTEM_CHROMIUM, source: "system" };
  if (facts.isExecutable(facts.playwrightPath)) return { kind: "found", path: facts.playwrightPath, source: "playwright" };
  return { kind: "install" };
}

/** After `npx playwright install chromium` exited with `exitCode`. */
export function afterInstall(exitCode: number | null, facts: TChromiumFacts): TChromiumChoice {
  if (exitCode === 0 && facts.isExecutable(facts.playwrightPath)) return { kind: "found", path: facts.playwrightPath, source: "playwright" };
  return { kind: "stop", message: `e2e: no Chromium found and ${INSTALL_COMMAND} failed: ${WHAT_TO_DO}` };
}
