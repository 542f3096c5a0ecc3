import { describe, expect, it } from "vitest";
import { checkActionBody, isAppOrigin, isFromOwnOrigin, isPossibleServerAction, MAX_ACTION_ARGUMENTS } from "./action-body";

const FETCH = { "next-action": "7f00aa", "content-type": "text/plain;charset=UTF-8" };

/** A multipart body as a browser sends it, with the content type carrying its boundary. */
async function multipart(fields: Record<string, string>, withAction = true) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const request = new Request("http://x/", { method: "POST", body: form });
  const headers = { "content-type": request.headers.get("content-type")!, ...(withAction ? { "next-action": "7f00aa" } : {}) };
  return { headers, body: Buffer.from(await request.arrayBuffer()) };
}

const check = (body: string, headers: Record<string, string> = FETCH) => checkActionBody(headers, Buffer.from(body));

describe("which requests are server actions", () => {
  it("is a POST to a page with a next-action header or a multipart form", () => {
    expect(isPossibleServerAction("POST", "/runs/1", { "next-action": "" })).toBe(true);
    expect(isPossibleServerAction("POST", "/admin/users", { "content-type": "multipart/form-data; boundary=x" })).toBe(true);
    expect(isPossibleServerAction("POST", "/admin/users", { "content-type": "application/json" })).toBe(false);
    expect(isPossibleServerAction("GET", "/runs/1", { "next-action": "x" })).toBe(false);
  });

  it("never touches route handlers or Next's own assets", () => {
    expect(isPossibleServerAction("POST", "/api/runs/1/metrics", { "next-action": "x", "content-type": "multipart/form-data" })).toBe(false);
    expect(isPossibleServerAction("POST", "/_next/image", { "next-action": "x" })).toBe(false);
  });
});

describe("the origin of an action request (Next's CSRF rule, on the trusted view)", () => {
  const direct = { host: "localhost:3000", proto: undefined };
  it("accepts the host the client asked for, directly or as a trusted proxy forwarded it", () => {
    expect(isFromOwnOrigin("http://localhost:3000", direct)).toBe(true);
    expect(isFromOwnOrigin("https://warroom.example", { host: "warroom.example", proto: "https" })).toBe(true);
    expect(isFromOwnOrigin("https://Warroom.Example", { host: "WARROOM.example", proto: undefined })).toBe(true);
  });

  it("lets a request without an Origin through, as Next does (browsers always send one on POST)", () => {
    expect(isFromOwnOrigin(undefined, direct)).toBe(true);
  });

  it("refuses another site, an opaque origin and an origin that is not a URL", () => {
    expect(isFromOwnOrigin("https://evil.example", direct)).toBe(false);
    expect(isFromOwnOrigin("http://localhost:3001", direct)).toBe(false);
    expect(isFromOwnOrigin("null", direct)).toBe(false);
    expect(isFromOwnOrigin("not a url", direct)).toBe(false);
    expect(isFromOwnOrigin(["http://localhost:3000", "http://localhost:3000"], direct)).toBe(false);
  });

  it("refuses the other scheme when a trusted proxy said which one the client used", () => {
    expect(isFromOwnOrigin("http://warroom.example", { host: "warroom.example", proto: "https" })).toBe(false);
  });

  it("refuses when there is no host to compare with", () => {
    expect(isFromOwnOrigin("http://localhost:3000", { host: undefined, proto: undefined })).toBe(false);
  });
});

describe("APP_URL's origin (accepted whatever Host a proxy sends)", () => {
  it("is the exact origin of APP_URL: scheme, host and port", () => {
    expect(isAppOrigin("http://127.0.0.1:8088", "http://127.0.0.1:8088")).toBe(true);
    expect(isAppOrigin("https://warroom.example.com", "https://warroom.example.com/")).toBe(true);
    expect(isAppOrigin("https://warroom.example.com:443", "https://warroom.example.com")).toBe(true);
    expect(isAppOrigin("http://warroom.example.com", "https://warroom.example.com")).toBe(false);
    expect(isAppOrigin("http://127.0.0.1:8089", "http://127.0.0.1:8088")).toBe(false);
    expect(isAppOrigin("https://warroom.example.com.evil.example", "https://warroom.example.com")).toBe(false);
    for (const origin of [undefined, "null", "not a url", ["http://127.0.0.1:8088"]]) expect(isAppOrigin(origin, "http://127.0.0.1:8088")).toBe(false);
  });
});

describe("fetch-action bodies as React's client writes them", () => {
  it.each([
    ["plain arguments", '["run-1",{"label":"Execs","expiresAt":null}]'],
    ["no arguments", "[]"],
    ["escaped text that starts with $", '["$$1 million"]'],
    ["dates, big integers, undefined and special numbers", '["$D2026-05-04T14:00:00.000Z","$n12","$undefined","$NaN","$Infinity","$-Infinity","$-0"]'],
    ["a temporary reference", '["$T"]'],
    ["text that is hostile but plain", '["<script>alert(1)</script>","\' OR 1=1 --","x${7*7}"]'],
  ])("accepts %s", async (_name, body) => {
    expect(await check(body)).toEqual({ ok: true });
  });

  it.each([
    ["a body that is not JSON", "[", "not valid JSON"],
    ["an empty body", "", "not valid JSON"],
    ["a single value instead of a list", "5", "must be a JSON list"],
    ["null", "null", "must be a JSON list"],
    ["an object", "{}", "must be a JSON list"],
    ["a reference to a missing part", '["$1"]', "part 1"],
    ["a promise of a missing part", '["$@a"]', "part 10"],
    ["a Map", '["$Q1"]', "Unsupported value \"$Q1\""],
    ["a Set", '["$W1"]', "Unsupported value"],
    ["a server reference", '["$F1"]', "Unsupported value"],
    ["a blob", '["$B1"]', "Unsupported value"],
    ["an iterator", '["$i1"]', "Unsupported value"],
    ["a symbol", '["$Sx"]', "Unsupported value"],
    ["a malformed big integer", '["$nx"]', "Unsupported value"],
    ["a template expression", '["${7*7}"]', "Unsupported value"],
    ["a reference deep inside", JSON.stringify([{ a: [{ b: ["$h1"] }] }]), "Unsupported value"],
  ])("refuses %s", async (_name, body, message) => {
    const verdict = await check(body);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.message).toContain(message);
  });

  it("refuses more arguments than Next accepts", async () => {
    const verdict = await check(JSON.stringify(Array.from({ length: MAX_ACTION_ARGUMENTS + 1 }, () => 0)));
    expect(!verdict.ok && verdict.message).toContain(`at most ${MAX_ACTION_ARGUMENTS}`);
  });

  it("walks deep and wide bodies without overflowing the stack", async () => {
    const deep = "[".repeat(50_000) + '"$Q1"' + "]".repeat(50_000);
    expect((await check(deep)).ok).toBe(false);
    const wide = `[[${Array.from({ length: 200_000 }, () => "0").join(",")}]]`;
    expect(await check(wide)).toEqual({ ok: true });
  });

  it("leaves a non-action POST's body alone", async () => {
    expect(await checkActionBody({ "content-type": "application/x-www-form-urlencoded" }, Buffer.from("a=%zz"))).toEqual({ ok: true });
  });
});

describe("multipart fetch actions (a form's FormData, useActionState)", () => {
  it("accepts the previous state and the form's fields", async () => {
    const { headers, body } = await multipart({ "_1_name": "Grace", "_1_email": "g@x.test", "0": '[null,"$K1"]' });
    expect(await checkActionBody(headers, body)).toEqual({ ok: true });
  });

  it("accepts outlined parts that exist, and a part referring to itself", async () => {
    const { headers, body } = await multipart({ "0": '["$1","$@2"]', "1": '{"x":"$1"}', "2": '"done"' });
    expect(await checkActionBody(headers, body)).toEqual({ ok: true });
  });

  it.each([
    ["no arguments field", { x: "1" }, "form field 0"],
    ["arguments that are not JSON", { "0": "[" }, "not valid JSON"],
    ["a reference to a part that is missing", { "0": '["$5"]' }, "part 5"],
    ["a referenced part that is not JSON", { "0": '["$1"]', "1": "{" }, "part 1"],
    ["a Map inside a referenced part", { "0": '["$1"]', "1": '["$Q2"]' }, "Unsupported value"],
  ])("refuses %s", async (_name, fields, message) => {
    const { headers, body } = await multipart(fields);
    const verdict = await checkActionBody(headers, body);
    expect(!verdict.ok && verdict.message).toContain(message);
  });

  it("refuses a body that is not well-formed multipart", async () => {
    for (const contentType of ["multipart/form-data; boundary=xx", "multipart/form-data"]) {
      const verdict = await checkActionBody({ "next-action": "a", "content-type": contentType }, Buffer.from("--xx\r\nbroken"));
      expect(!verdict.ok && verdict.message).toContain("not well-formed multipart");
    }
  });
});

describe("forms submitted before the page's JavaScript loaded", () => {
  it("accepts a form naming its action, and one with bound arguments", async () => {
    const direct = await multipart({ $ACTION_ID_7f00aa: "", name: "x" }, false);
    expect(await checkActionBody(direct.headers, direct.body)).toEqual({ ok: true });
    const bound = await multipart({ $ACTION_REF_1: "", "$ACTION_1:0": '{"id":"7f00aa","bound":"$@1"}', "$ACTION_1:1": "[null]", name: "x" }, false);
    expect(await checkActionBody(bound.headers, bound.body)).toEqual({ ok: true });
  });

  it.each([
    ["no description of the action", { $ACTION_REF_1: "" }, "JSON object"],
    ["a description that is not JSON", { $ACTION_REF_1: "", "$ACTION_1:0": "[" }, "JSON object"],
    ["no action id", { $ACTION_REF_1: "", "$ACTION_1:0": '{"bound":null}' }, "no action id"],
    ["bound arguments that are a Map", { $ACTION_REF_1: "", "$ACTION_1:0": '{"id":"a","bound":"$Q1"}' }, '"bound" must be null'],
    ["bound arguments that are missing", { $ACTION_REF_1: "", "$ACTION_1:0": '{"id":"a","bound":"$@1"}' }, "not valid JSON"],
  ])("refuses %s", async (_name, fields, message) => {
    const { headers, body } = await multipart(fields, false);
    const verdict = await checkActionBody(headers, body);
    expect(!verdict.ok && verdict.message).toContain(message);
  });
});
