// The weight part's Lighthouse rows: the stakeholder status page on the mobile preset (phones: slow
// 4G, 4× CPU), the war room and the bridge on the desktop preset, each beside the sign-in page on the
// same preset (what every page pays: React and Next's runtime). Targets from issue 20 item 9.
import { runLighthouse, type TLighthousePreset, type TLighthouseResult } from "../lighthouse";
import type { TBenchRow } from "../table";

const SCORE_TARGET = 95;
const LCP_TARGET_MS = 2500;
const TBT_TARGET_MS = 200;

type TLighthousePage = { name: string; url: string; cookie?: string; preset: TLighthousePreset };

const describe = (r: TLighthouseResult) =>
  `performance ${r.performance} · FCP ${Math.round(r.fcpMs)} ms · LCP ${Math.round(r.lcpMs)} ms · TBT ${Math.round(r.tbtMs)} ms · CLS ${r.cls.toFixed(3)}`;

export async function lighthouseRows(baseUrl: string, pages: TLighthousePage[]): Promise<TBenchRow[]> {
  console.log(`lighthouse  12.2.3 with ${process.env.CHROME_PATH || "/usr/bin/chromium"}; simulated throttling (mobile: slow 4G, 4× CPU)`);
  const baselines = new Map<TLighthousePreset, TLighthouseResult>();
  for (const preset of new Set(pages.map((p) => p.preset))) {
    const result = await runLighthouse(`${baseUrl}/sign-in`, { preset });
    baselines.set(preset, result);
    console.log(`lighthouse  ${`sign-in (${preset})`.padEnd(22)} ${describe(result)}`);
  }
  const rows: TBenchRow[] = [];
  for (const page of pages) {
    const result = await runLighthouse(page.url, { preset: page.preset, cookie: page.cookie });
    const base = baselines.get(page.preset)!;
    console.log(`lighthouse  ${`${page.name} (${page.preset})`.padEnd(22)} ${describe(result)}`);
    for (const warning of result.warnings) console.log(`lighthouse    warning: ${warning.split("\n")[0]}`);
    const baseline = { baselineLabel: `sign-in, ${page.preset}` };
    rows.push({
      measure: `${page.name}: Lighthouse ${page.preset} performance`,
      warroom: { value: result.performance, unit: "count" },
      baseline: { value: base.performance, unit: "count" },
      ...baseline,
      target: `≥ ${SCORE_TARGET}`,
      isMet: result.performance >= SCORE_TARGET,
    });
    if (page.preset === "mobile") {
      rows.push(
        { measure: `${page.name}: Lighthouse mobile LCP`, warroom: { value: result.lcpMs, unit: "ms" }, baseline: { value: base.lcpMs, unit: "ms" }, ...baseline, relation: "diff", target: `≤ ${LCP_TARGET_MS} ms`, isMet: result.lcpMs <= LCP_TARGET_MS },
        { measure: `${page.name}: Lighthouse mobile TBT`, warroom: { value: result.tbtMs, unit: "ms" }, baseline: { value: base.tbtMs, unit: "ms" }, ...baseline, relation: "diff", target: `≤ ${TBT_TARGET_MS} ms`, isMet: result.tbtMs <= TBT_TARGET_MS },
      );
    }
  }
  return rows;
}
