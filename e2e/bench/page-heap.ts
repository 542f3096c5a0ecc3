// A page kept open in Chromium for hours, as a bridge TV or a lead's war room is, and what it holds:
// its JS heap after a forced garbage collection (CDP, as DevTools' "collect garbage" then the memory
// figure), and the counts the screens publish of what they keep in memory (data-retained-* on the
// charts and the event lists), so a growing heap can be told apart from growing data.
import type { BrowserContext, CDPSession, Page } from "@playwright/test";

export type TRetained = { points: number; events: number };
export type THeapSample = { usedBytes: number; retained: TRetained };

export type TWatchedPage = {
  page: Page;
  /** Forces a full GC, then reads the heap and the retained counts. */
  sample(): Promise<THeapSample>;
};

export async function openWatchedPage(context: BrowserContext, url: string, readyTestId: string): Promise<TWatchedPage> {
  const page = await context.newPage();
  await page.goto(url, { timeout: 180_000 });
  await page.getByTestId(readyTestId).first().waitFor({ timeout: 180_000 });
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send("HeapProfiler.enable");
  return {
    page,
    sample: async () => {
      // Twice: a first collection can leave objects that only the second finds unreachable (weak maps, finalizers).
      await cdp.send("HeapProfiler.collectGarbage");
      await cdp.send("HeapProfiler.collectGarbage");
      const { usedSize } = await cdp.send("Runtime.getHeapUsage");
      return { usedBytes: usedSize, retained: await retainedCounts(page) };
    },
  };
}

/** The sums of every data-retained-points / data-retained-events attribute on the page. */
export async function retainedCounts(page: Page): Promise<TRetained> {
  return page.evaluate(() => {
    const sum = (attribute: string) =>
      [...document.querySelectorAll(`[${attribute}]`)].reduce((total, element) => total + Number(element.getAttribute(attribute) ?? 0), 0);
    return { points: sum("data-retained-points"), events: sum("data-retained-events") };
  });
}

export const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
