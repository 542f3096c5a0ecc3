// A real Chromium for the browser parts of `npm run bench`: Debian's /usr/bin/chromium where it
// exists (Playwright cannot download browsers on these machines), CHROMIUM_PATH to choose another,
// else Playwright's own. Contexts start empty (no cache) and signed in with a session cookie.
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium } from "@playwright/test";

export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  return chromium.launch({
    executablePath,
    args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
}

/** A fresh context at a desktop size; `cookie` ("a=1; b=2", as sign-in returns it) signs it in. */
export async function newContext(browser: Browser, baseUrl: string, cookie?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // tsx compiles the bench with esbuild's keepNames, which wraps named functions in a __name(...)
  // helper; functions handed to page.evaluate carry those calls into the page, where it is missing.
  await context.addInitScript("globalThis.__name ??= (fn) => fn;");
  if (cookie) {
    const cookies = cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseUrl };
    });
    await context.addCookies(cookies);
  }
  return context;
}
