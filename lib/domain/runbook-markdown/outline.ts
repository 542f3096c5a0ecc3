// The runbook as the seed's tests read it: every checkbox, bullet and fenced block with the headings
// it sits under. Built from the one reader (lex.ts).
import { lexRunbook } from "./lex";

export type TOutlineContext = { h2: string; h3: string; bold: string };
export type TOutlineCheckbox = TOutlineContext & { indent: number; text: string; line: number };
export type TOutlineBullet = TOutlineContext & { indent: number; text: string; check: boolean; line: number };
export type TOutlineFence = TOutlineContext & { lang: string; body: string; line: number };

export function outlineRunbook(source: string) {
  const ctx: TOutlineContext = { h2: "", h3: "", bold: "" };
  const rawH2: string[] = [];
  const rawH3: string[] = [];
  const checkboxes: TOutlineCheckbox[] = [];
  const bullets: TOutlineBullet[] = [];
  const fences: TOutlineFence[] = [];
  for (const b of lexRunbook(source)) {
    if (b.kind === "heading" && b.level === 2) {
      rawH2.push(b.raw);
      Object.assign(ctx, { h2: b.text, h3: "", bold: "" });
    } else if (b.kind === "heading" && b.level === 3) {
      rawH3.push(b.raw);
      Object.assign(ctx, { h3: b.text, bold: "" });
    } else if (b.kind === "bold") ctx.bold = b.text;
    else if (b.kind === "checkbox") checkboxes.push({ ...ctx, indent: b.indent, text: b.text, line: b.line });
    else if (b.kind === "bullet") bullets.push({ ...ctx, indent: b.indent, text: b.text, check: b.isCheck, line: b.line });
    else if (b.kind === "fence") fences.push({ ...ctx, lang: b.lang, body: b.body, line: b.line });
  }
  return { rawH2, rawH3, checkboxes, bullets, fences };
}
