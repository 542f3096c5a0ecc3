// What axe cannot judge: that a state is said in words, not colour alone, and that the bridge reads at
// a distance (computed font sizes, the screen drawn at a quarter of its size).
import { type Browser, expect, type Locator } from "@playwright/test";

/** The bridge screen's TV. */
export const TV = { width: 1920, height: 1080 };

/**
 * Every element of `locator` says its state (the value of `attribute`) in words or an icon, not only by
 * colour: its visible text matches the pattern for that state. An unknown state fails too.
 */
export async function expectStatesInWords(locator: Locator, attribute: string, words: Record<string, RegExp>) {
  const shown = await locator.evaluateAll(
    (els, attr) => els.map((el) => ({ state: el.getAttribute(attr) ?? "(none)", text: (el as HTMLElement).innerText.replace(/\s+/g, " ").trim() })),
    attribute,
  );
  expect(shown.length, `no elements for ${locator}`).toBeGreaterThan(0);
  for (const { state, text } of shown) expect(text, `${attribute}="${state}" must be said in words`).toMatch(words[state] ?? /^\b$/);
}

/** The element's computed font size in CSS pixels. */
export const fontSize = (locator: Locator) => locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

/** The PNG drawn at a quarter of its size by Chromium itself, as someone would see it on a small screen. */
export async function quarterSize(browser: Browser, png: Buffer, file: string) {
  const context = await browser.newContext({ viewport: { width: TV.width / 4, height: TV.height / 4 } });
  try {
    const page = await context.newPage();
    await page.setContent(`<body style="margin:0"><img alt="" style="display:block;width:100%;height:100%" src="data:image/png;base64,${png.toString("base64")}"></body>`);
    await expect.poll(() => page.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(TV.width);
    await page.screenshot({ path: file });
  } finally {
    await context.close();
  }
}
