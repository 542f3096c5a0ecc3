import { describe, expect, it } from "vitest";
import { describeZodError } from "../errors";
import { dataSourceInputFromForm } from "./form-input";
import { parseHeaderLines, ZDataSourceInput } from "./schemas";

const FIELDS = {
  name: " Production Prometheus ",
  url: "https://prom.example.com/prometheus/",
  authKind: "bearer",
  bearerToken: "t0ken",
  timeoutSeconds: "5",
  headers: "X-Scope-OrgID: team-a\n\n",
  stageLabel: "track",
  stageCanary: "canary",
  stageProduction: "stable",
  stageStaging: "staging",
};

function errorsFor(fields: Record<string, string>): string {
  const result = ZDataSourceInput.safeParse(dataSourceInputFromForm({ ...FIELDS, ...fields }));
  return result.success ? "" : describeZodError(result.error);
}

describe("the data source form → ZDataSourceInput", () => {
  it("reads a complete form: trimmed name, URL without a trailing slash, seconds as ms, headers per line", () => {
    expect(ZDataSourceInput.parse(dataSourceInputFromForm(FIELDS))).toEqual({
      name: "Production Prometheus",
      url: "https://prom.example.com/prometheus",
      authKind: "bearer",
      bearerToken: "t0ken",
      extraHeaders: [{ name: "X-Scope-OrgID", value: "team-a" }],
      timeoutMs: 5000,
      stageLabel: { label: "track", values: { staging: "staging", canary: "canary", production: "stable" } },
    });
  });

  it("carries the id of the source being edited", () => {
    expect(dataSourceInputFromForm({ ...FIELDS, id: "ds1" })).toMatchObject({ id: "ds1" });
    expect(dataSourceInputFromForm(FIELDS)).not.toHaveProperty("id");
  });

  it.each([
    [{ url: "ftp://prom.example.com" }, "must start with http:// or https://"],
    [{ url: "prometheus:9090" }, "must start with http:// or https://"],
    [{ url: "not a url" }, "Enter the full URL"],
    [{ url: "https://admin:pw@prom.example.com" }, "Put credentials under Authentication"],
    [{ url: "https://prom.example.com/?x=1" }, "no ?query or #fragment"],
    [{ timeoutSeconds: "0.5" }, "Timeout: at least 1 s"],
    [{ timeoutSeconds: "31" }, "Timeout: at most 30 s"],
    [{ timeoutSeconds: "" }, "timeoutMs"],
    [{ timeoutSeconds: "ten" }, "timeoutMs"],
    [{ headers: "Authorization: Bearer x" }, "Authorization is set by Warroom"],
    [{ headers: "Bad Header: x" }, "A header name is letters, digits and -"],
    [{ headers: "X-A: 1\nx-a: 2" }, "Each header once"],
    [{ headers: Array.from({ length: 11 }, (_, i) => `X-H${i}: v`).join("\n") }, "At most 10 extra headers"],
    [{ stageLabel: "deployment-track" }, "A Prometheus label name"],
    [{ stageCanary: " " }, "Name the label value"],
    [{ name: "" }, "Name the data source"],
    [{ authKind: "kerberos" }, "authKind"],
  ])("refuses %o: %s", (fields, message) => {
    expect(errorsFor(fields)).toContain(message);
  });
});

describe("extra headers on an edit", () => {
  it("are left out when the field is empty (keep the stored ones), and cleared on request", () => {
    expect(dataSourceInputFromForm({ ...FIELDS, headers: " \n" }).extraHeaders).toBeUndefined();
    expect(dataSourceInputFromForm({ ...FIELDS, headers: "", clearHeaders: "on" }).extraHeaders).toEqual([]);
    expect(dataSourceInputFromForm({ ...FIELDS, clearHeaders: "on" }).extraHeaders).toEqual([{ name: "X-Scope-OrgID", value: " team-a" }]);
  });
});

describe("parseHeaderLines", () => {
  it("splits at the first colon and skips blank lines", () => {
    expect(parseHeaderLines("A: b:c\r\n\nD:e")).toEqual([{ name: "A", value: " b:c" }, { name: "D", value: "e" }]);
  });

  it("keeps a line without a colon as a name, for the schema to refuse", () => {
    expect(parseHeaderLines("oops")).toEqual([{ name: "oops", value: "" }]);
  });
});
