// Page weight: the war room, the bridge screen and a stakeholder's status page, each loaded by a
// fresh Chromium context (empty cache): gzip JS, LCP and CLS. The baseline is the sign-in page,
// the JavaScript every page of the app pays for (React, Next's runtime); the diff is the page's own.
// Then Lighthouse scores (parts/lighthouse-rows.ts): the status page on mobile, war room and bridge on desktop.
import { launchChromium, newContext } from "../browser";
import { closeOnSignal } from "../bench-server";
import { kB, ms } from "../format";
import { measurePage, type TPageWeight } from "../page-weight";
import type { TBenchRow } from "../table";
import { startTickFixture } from "../tick-fixture";
import { lighthouseRows } from "./lighthouse-rows";
import { msFigure, type TPart } from "./part";

const JS_TARGET_KB = 200;

export const weightPart: TPart = async ({ ports }) => {
  console.log("weight      first visit (empty cache) of each page in Chromium; JS bodies also gzipped here (level 6)");
  const fixture = await startTickFixture({ ports, label: "bench_weight", shareLink: true });
  closeOnSignal(fixture.close);
  const browser = await launchChromium();
  try {
    const { baseUrl, runId, cookies } = fixture;
    const pages = [
      { name: "sign-in", path: "/sign-in", cookie: undefined, hasTarget: false },
      { name: "war room", path: `/runs/${runId}`, cookie: cookies.lead, hasTarget: false },
      { name: "bridge", path: `/runs/${runId}/bridge`, cookie: cookies.lead, hasTarget: true },
      { name: "status page", path: `/status/${fixture.shareToken}`, cookie: undefined, hasTarget: true },
    ];
    const measured = new Map<string, TPageWeight>();
    for (const page of pages) {
      const weight = await measurePage(await newContext(browser, baseUrl, page.cookie), `${baseUrl}${page.path}`);
      measured.set(page.name, weight);
      console.log(
        `weight      ${page.name.padEnd(12)} ${weight.scripts} scripts · ${kB(weight.transferredBytes)} transferred (content-encoding ${weight.encodings.join(", ")}) · ` +
          `${kB(weight.rawBytes)} raw · ${kB(weight.gzipBytes)} gzip · LCP ${ms(weight.lcpMs)} · CLS ${weight.cls.toFixed(3)}`,
      );
    }
    const base = measured.get("sign-in")!;
    // Chromium is closed for Lighthouse: two browsers at once would slow each other's figures.
    await browser.close();
    const scores = await lighthouseRows(baseUrl, [
      { name: "status page", url: `${baseUrl}/status/${fixture.shareToken}`, preset: "mobile" },
      { name: "war room", url: `${baseUrl}/runs/${runId}`, cookie: cookies.lead, preset: "desktop" },
      { name: "bridge", url: `${baseUrl}/runs/${runId}/bridge`, cookie: cookies.lead, preset: "desktop" },
    ]);
    const weights = pages.slice(1).flatMap(({ name, hasTarget }): TBenchRow[] => {
      const weight = measured.get(name)!;
      const gzipKb = weight.gzipBytes / 1000;
      return [
        {
          measure: `${name}: gzip JS`,
          warroom: { value: gzipKb, unit: "kB" },
          baseline: { value: base.gzipBytes / 1000, unit: "kB" },
          baselineLabel: "sign-in",
          relation: "diff",
          ...(hasTarget ? { target: `≤ ${JS_TARGET_KB} kB`, isMet: gzipKb <= JS_TARGET_KB } : {}),
        },
        { measure: `${name}: LCP`, warroom: msFigure(weight.lcpMs), baseline: msFigure(base.lcpMs), baselineLabel: "sign-in", relation: "diff" },
        { measure: `${name}: CLS`, warroom: { value: weight.cls, unit: "score" }, baseline: { value: base.cls, unit: "score" }, baselineLabel: "sign-in" },
      ];
    });
    return [...weights, ...scores];
  } finally {
    await browser.close();
    await fixture.close();
  }
};
