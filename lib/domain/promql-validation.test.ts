import { describe, expect, it } from "vitest";
import { BUILTIN_METRICS } from "./metric-catalog";
import { DEFAULT_PROMQL } from "./promql-defaults";
import { checkPromqlTemplate, firstSyntaxError } from "./promql-validation";

describe("checkPromqlTemplate", () => {
  it("accepts a valid template and shows it rendered with sample values", () => {
    const result = checkPromqlTemplate('sum(rate(x{service="{{service}}",{{stageLabel}}}[{{window}}]))');
    expect(result).toEqual({ ok: true, query: 'sum(rate(x{service="check\\"out\\\\svc",stage="canary"}[5m]))' });
  });

  it("points at the unexpected token, in the template's own line and column", () => {
    // The rendered query is longer than the template (an escaped sample service name): the column is the template's.
    const template = 'sum(rate(x{service="{{service}}"}[{{window}}])) by by';
    const column = template.lastIndexOf("by") + 1;
    expect(checkPromqlTemplate(template)).toEqual({
      ok: false,
      message: `PromQL syntax error at line 1, column ${column}: unexpected "by"`,
      position: { line: 1, column },
    });
  });

  it("says when the query stops short", () => {
    expect(checkPromqlTemplate("sum(rate(x[{{window}}])")).toMatchObject({ ok: false, message: expect.stringContaining("ends too early") });
  });

  it("reports the template's problems before the grammar", () => {
    expect(checkPromqlTemplate("x{a={{service}}} by by")).toMatchObject({ ok: false, message: expect.stringContaining("must be inside") });
  });

  it("refuses an empty query", () => {
    expect(checkPromqlTemplate("   ")).toMatchObject({ ok: false, message: "The query is empty" });
  });

  it("counts lines in a multi-line template", () => {
    expect(checkPromqlTemplate("sum(\n  rate(x[{{window}}]) +\n)")).toMatchObject({ ok: false, position: { line: 3 } });
  });
});

describe("firstSyntaxError", () => {
  it.each(["up", "vector(1)", '1000 * histogram_quantile(0.95, sum by (le) (rate(x_bucket{a="b"}[5m])))'])("none in %s", (q) => {
    expect(firstSyntaxError(q)).toBeNull();
  });
});

describe("DEFAULT_PROMQL", () => {
  it("offers a query for every built-in metric", () => {
    expect(DEFAULT_PROMQL.map((d) => d.metric).sort()).toEqual(BUILTIN_METRICS.map((m) => m.key).sort());
  });

  it.each(DEFAULT_PROMQL.map((d) => [d.metric, d.query]))("%s passes the save check", (_metric, query) => {
    expect(checkPromqlTemplate(query)).toMatchObject({ ok: true });
  });
});
