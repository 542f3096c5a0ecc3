import { describe, expect, it } from "vitest";
import { afterInstall, chooseChromium, SYSTEM_CHROMIUM, type TChromiumFacts } from "./chromium-choice";

const PLAYWRIGHT = "/home/dev/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome";

function facts(executables: string[], envPath?: string): TChromiumFacts {
  return { envPath, playwrightPath: PLAYWRIGHT, isExecutable: (path) => executables.includes(path) };
}

describe("chooseChromium", () => {
  it("uses CHROMIUM_PATH first, even with the system and Playwright's Chromium there", () => {
    expect(chooseChromium(facts(["/opt/chrome", SYSTEM_CHROMIUM, PLAYWRIGHT], "/opt/chrome"))).toEqual({ kind: "found", path: "/opt/chrome", source: "CHROMIUM_PATH" });
  });

  it("stops with one line when CHROMIUM_PATH is not executable, rather than using another browser", () => {
    const choice = chooseChromium(facts([SYSTEM_CHROMIUM], "/opt/missing"));
    expect(choice).toEqual({ kind: "stop", message: expect.stringContaining("CHROMIUM_PATH=/opt/missing") });
    expect(choice.kind === "stop" && choice.message).not.toContain("\n");
  });

  it("uses the system Chromium before Playwright's own", () => {
    expect(chooseChromium(facts([SYSTEM_CHROMIUM, PLAYWRIGHT]))).toEqual({ kind: "found", path: SYSTEM_CHROMIUM, source: "system" });
  });

  it("uses Playwright's own when it is the only one", () => {
    expect(chooseChromium(facts([PLAYWRIGHT]))).toEqual({ kind: "found", path: PLAYWRIGHT, source: "playwright" });
  });

  it("asks for Playwright's download when there is none", () => {
    expect(chooseChromium(facts([]))).toEqual({ kind: "install" });
  });
});

describe("afterInstall", () => {
  it("uses the Chromium the install put in place", () => {
    expect(afterInstall(0, facts([PLAYWRIGHT]))).toEqual({ kind: "found", path: PLAYWRIGHT, source: "playwright" });
  });

  it("stops with one line naming what to run when the install failed", () => {
    const choice = afterInstall(1, facts([]));
    expect(choice.kind).toBe("stop");
    const message = choice.kind === "stop" ? choice.message : "";
    expect(message).toContain("npx playwright install chromium");
    expect(message).toContain("CHROMIUM_PATH");
    expect(message).not.toContain("\n");
  });

  it("stops when the install said it worked but left no browser", () => {
    expect(afterInstall(0, facts([])).kind).toBe("stop");
  });
});
