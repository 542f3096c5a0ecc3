import { describe, expect, it } from "vitest";
import {
  escapePromqlRegex,
  escapePromqlString,
  formatPromDuration,
  renderPromqlTemplate,
  templatePosition,
  templateProblems,
  type TStageLabelMapping,
} from "./promql-template";

const TRACK: TStageLabelMapping = { label: "track", values: { staging: "staging", canary: "canary", production: "stable" } };
const vars = (over: Partial<Parameters<typeof renderPromqlTemplate>[1]> = {}) => ({
  service: "checkout",
  version: "2.4.1",
  stage: "canary" as const,
  windowMs: 300_000,
  ...over,
});

function render(template: string, over: Partial<Parameters<typeof renderPromqlTemplate>[1]> = {}, mapping = TRACK): string {
  const result = renderPromqlTemplate(template, vars(over), mapping);
  if (!result.ok) throw new Error(result.message);
  return result.query;
}

describe("formatPromDuration", () => {
  it.each([
    [300_000, "5m"],
    [30_000, "30s"],
    [90_000, "1m30s"],
    [3_600_000, "1h"],
    [86_400_000, "1d"],
    [1500, "1s500ms"],
    [1, "1ms"],
  ])("%i ms → %s", (ms, text) => expect(formatPromDuration(ms)).toBe(text));

  it.each([0, -1000, 1.5, Number.NaN])("refuses %s", (ms) => expect(() => formatPromDuration(ms)).toThrow(/positive whole number/));
});

describe("escaping", () => {
  it("escapes what would end or bend a string literal", () => {
    expect(escapePromqlString(`a"b'c\\d\ne`)).toBe(`a\\"b\\'c\\\\d\\ne`);
  });

  it("escapes RE2 metacharacters", () => {
    expect(escapePromqlRegex("api.v2+(beta)|x")).toBe("api\\.v2\\+\\(beta\\)\\|x");
  });
});

describe("renderPromqlTemplate", () => {
  it("fills service, version, window and the stage's mapped label value", () => {
    expect(render('rate(x{service="{{service}}",version="{{version}}",track="{{stage}}"}[{{window}}])', { stage: "production" })).toBe(
      'rate(x{service="checkout",version="2.4.1",track="stable"}[5m])',
    );
  });

  it("writes {{stageLabel}} as a whole matcher with the data source's label", () => {
    expect(render('x{service="{{service}}",{{stageLabel}}}')).toBe('x{service="checkout",track="canary"}');
    expect(render("x{ {{ stageLabel }} }", { stage: "production" })).toBe('x{ track="stable" }');
  });

  it("matches any stage value (or none) for the whole service", () => {
    expect(render("x{{{stageLabel}}}", { stage: "overall" })).toBe('x{track=~".*"}');
  });

  it("cannot be broken out of by a service name", () => {
    const hostile = 'x"} or vector(1) or y{a="';
    expect(render('sum(x{service="{{service}}"})', { service: hostile })).toBe('sum(x{service="x\\"} or vector(1) or y{a=\\""})');
  });

  it("escapes single-quoted literals too", () => {
    expect(render("x{service='{{service}}'}", { service: "it's" })).toBe("x{service='it\\'s'}");
  });

  it("escapes regex metacharacters inside =~ and !~ matchers", () => {
    expect(render('x{service=~"{{service}}-.*"}', { service: "api.v2" })).toBe('x{service=~"api\\\\.v2-.*"}');
    expect(render('x{service!~"{{service}}"}', { service: "a|b" })).toBe('x{service!~"a\\\\|b"}');
  });

  it("names every unknown variable", () => {
    const result = renderPromqlTemplate('x{a="{{servce}}",b="{{env}}",c="{{servce}}"}', vars(), TRACK);
    expect(result).toEqual({ ok: false, message: expect.stringContaining("Unknown variables {{servce}}, {{env}}") });
  });

  it("refuses a run value outside quotes and a duration inside them", () => {
    expect(templateProblems("x{service={{service}}}")[0]).toMatch(/{{service}} at position 11 must be inside a "…" string/);
    expect(templateProblems("x{service=`{{service}}`}")[0]).toMatch(/must be inside a "…" string/);
    expect(templateProblems('rate(x["{{window}}"])')[0]).toMatch(/{{window}} at position 9 must be outside quotes/);
  });

  it("refuses a stage label that is not a label name", () => {
    const result = renderPromqlTemplate("x{{{stageLabel}}}", vars(), { ...TRACK, label: "track-name" });
    expect(result).toEqual({ ok: false, message: 'The stage label "track-name" is not a valid Prometheus label name' });
  });

  it("refuses a window that is not a duration", () => {
    expect(renderPromqlTemplate("rate(x[{{window}}])", vars({ windowMs: 0 }), TRACK).ok).toBe(false);
  });

  it("leaves a template without variables as it is", () => {
    expect(render("vector(1)")).toBe("vector(1)");
  });
});

describe("templatePosition", () => {
  it("maps a rendered offset back to the template, across and inside substitutions", () => {
    const template = 'x{a="{{service}}"} +';
    const result = renderPromqlTemplate(template, vars({ service: "a-much-longer-name" }), TRACK);
    if (!result.ok) throw new Error(result.message);
    const end = result.query.length;
    expect(templatePosition(result.offsets, end)).toBe(template.length);
    expect(templatePosition(result.offsets, 6)).toBe(5);
    expect(templatePosition(result.offsets, 2)).toBe(2);
  });
});
