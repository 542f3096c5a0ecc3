// Click → other browser: two Chromium pages on the same run's war room (a lead and a member, each in
// their own context). Page 1 clicks an item's tick button; page 2 records when its DOM shows the new
// state and when the frame after that is drawn. Both timestamps are the page's own clock
// (performance.timeOrigin + now: the system clock, so comparable across pages on one machine).
// The baseline is page 2's WebSocket receiving the event: the difference is what rendering adds.
import type { Page } from "@playwright/test";
import { launchChromium, newContext } from "../browser";
import { closeOnSignal } from "../bench-server";
import { figures } from "../format";
import { summarize } from "../stats";
import { startTickFixture } from "../tick-fixture";
import { msFigure, type TPart } from "./part";

const P95_TARGET_MS = 100;
const WARMUP_CLICKS = 3;
/** Items cycled over (each ticked, later undone), so no click waits on its own item's last change. */
const ITEMS_USED = 6;
const SHOWN_TIMEOUT_MS = 10_000;

type TClick = { itemId: string; state: string; at: number };
type TSeen = { itemId: string; state: string; at: number; paintedAt: number | null };

export const clickPart: TPart = async ({ options, ports }) => {
  console.log(`click       ${options.clicks} ticks (after ${WARMUP_CLICKS} unmeasured) from one Chromium page to another`);
  const fixture = await startTickFixture({ ports, label: "bench_click" });
  closeOnSignal(fixture.close);
  const browser = await launchChromium();
  try {
    console.log(`click       ${browser.version()} on ${fixture.baseUrl}/runs/${fixture.runId}`);
    const clicker = await (await newContext(browser, fixture.baseUrl, fixture.cookies.lead)).newPage();
    const watcherContext = await newContext(browser, fixture.baseUrl, fixture.cookies.member);
    await watcherContext.addInitScript(recordSocketFrames);
    const watcher = await watcherContext.newPage();
    for (const page of [clicker, watcher]) {
      await page.goto(`${fixture.baseUrl}/runs/${fixture.runId}`);
      await page.getByTestId("connection-indicator").and(page.locator('[data-state="connected"]')).waitFor();
    }
    await clicker.evaluate(recordClicks);
    await watcher.evaluate(recordItemStates);

    const ticks = clicker.locator('[data-testid="checklist-item"] [data-action="tick"]:not([disabled])');
    const samples = { shown: [] as number[], painted: [] as number[], frame: [] as number[] };
    for (let i = 0; i < WARMUP_CLICKS + options.clicks; i++) {
      const button = ticks.nth(i % ITEMS_USED);
      const item = button.locator("xpath=ancestor::*[@data-item-id][1]");
      const itemId = (await item.getAttribute("data-item-id"))!;
      const expected = (await item.getAttribute("data-state")) === "open" ? "done" : "open";
      await button.click();
      const click = (await clicker.evaluate(() => (window as unknown as { __benchClicks: TClick[] }).__benchClicks.at(-1)))!;
      const seen = await waitForSeen(watcher, itemId, expected, click.at);
      // The next click waits for this one's acknowledgement, as a person's next tick would.
      await item.and(clicker.locator(`[data-state="${expected}"]`)).waitFor();
      await button.and(clicker.locator('[aria-busy="false"]')).waitFor();
      if (i < WARMUP_CLICKS) continue;
      samples.shown.push(seen.at - click.at);
      samples.painted.push(seen.paintedAt! - click.at);
      const frameAt = await watcher.evaluate(
        ({ itemId, after }) => (window as unknown as { __benchFrames: { at: number; text: string }[] }).__benchFrames.find((f) => f.at >= after && f.text.includes(itemId))?.at ?? null,
        { itemId, after: click.at },
      );
      if (frameAt !== null) samples.frame.push(frameAt - click.at);
    }
    // "Appears" is the frame drawn after the DOM change: what a person on page 2 could see.
    const shown = summarize(samples.painted);
    const frame = summarize(samples.frame);
    console.log(`click       click → page 2 WebSocket frame: ${figures(frame)}`);
    console.log(`click       click → page 2 DOM shows it: ${figures(summarize(samples.shown))}`);
    console.log(`click       click → page 2 next frame drawn: ${figures(shown)}`);
    const label = "WebSocket frame";
    return [
      { measure: "click → other page p50", warroom: msFigure(shown?.p50), baseline: msFigure(frame?.p50), baselineLabel: label, relation: "diff" },
      {
        measure: "click → other page p95",
        warroom: msFigure(shown?.p95),
        baseline: msFigure(frame?.p95),
        baselineLabel: label,
        relation: "diff",
        target: `≤ ${P95_TARGET_MS} ms`,
        isMet: shown !== null && shown.p95 <= P95_TARGET_MS,
      },
    ];
  } finally {
    await browser.close();
    await fixture.close();
  }
};

async function waitForSeen(page: Page, itemId: string, state: string, after: number): Promise<TSeen> {
  const handle = await page.waitForFunction(
    ({ itemId, state, after }) => {
      const seen = (window as unknown as { __benchSeen: TSeen[] }).__benchSeen;
      const match = seen.find((s) => s.itemId === itemId && s.state === state && s.at >= after);
      // Wait for the frame too, so painted is known when it is read.
      return match && match.paintedAt !== null ? match : false;
    },
    { itemId, state, after },
    { timeout: SHOWN_TIMEOUT_MS },
  );
  return (await handle.jsonValue()) as TSeen;
}

// The three functions below run in the pages (serialized by Playwright), not in Node.

function recordClicks(): void {
  const w = window as unknown as { __benchClicks: TClick[] };
  w.__benchClicks = [];
  document.addEventListener(
    "click",
    (event) => {
      const item = (event.target as Element).closest("[data-item-id]");
      if (!item || !(event.target as Element).closest('[data-action="tick"]')) return;
      w.__benchClicks.push({ itemId: item.getAttribute("data-item-id")!, state: item.getAttribute("data-state")!, at: performance.timeOrigin + performance.now() });
    },
    // Capture: before React's own handler runs the tick.
    true,
  );
}

function recordItemStates(): void {
  const w = window as unknown as { __benchSeen: TSeen[] };
  w.__benchSeen = [];
  const last = new Map<string, string>();
  const scan = () => {
    const at = performance.timeOrigin + performance.now();
    for (const element of document.querySelectorAll("[data-testid='checklist-item'][data-item-id]")) {
      const itemId = element.getAttribute("data-item-id")!;
      const state = element.getAttribute("data-state")!;
      if (last.get(itemId) === state) continue;
      const isFirstLook = !last.has(itemId);
      last.set(itemId, state);
      if (isFirstLook) continue;
      const seen: TSeen = { itemId, state, at, paintedAt: null };
      w.__benchSeen.push(seen);
      requestAnimationFrame(() => setTimeout(() => (seen.paintedAt = performance.timeOrigin + performance.now()), 0));
    }
  };
  scan();
  new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
}

function recordSocketFrames(): void {
  const w = window as unknown as { __benchFrames: { at: number; text: string }[]; WebSocket: typeof WebSocket };
  w.__benchFrames = [];
  const Native = w.WebSocket;
  w.WebSocket = class extends Native {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener("message", (event: MessageEvent) => {
        if (typeof event.data === "string" && event.data.includes('"run:event"')) {
          w.__benchFrames.push({ at: performance.timeOrigin + performance.now(), text: event.data });
        }
      });
    }
  };
}
