// Data sources on real PostgreSQL: only admins change them, secrets are kept across edits and
// never leave the server, and "test connection" on a saved source uses its stored token (through
// a bearer-protected proxy in front of a real Prometheus).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startBearerProxy } from "../../e2e/support/fake-upstreams";
import { makeTeam } from "../../e2e/support/factories";
import { useTestDatabase } from "../../e2e/support/integration";
import { isPrometheusMissing, startPrometheus, type TPrometheusServer } from "../../e2e/support/prometheus";
import type { TActor } from "../auth/users";
import { db } from "../db/client";
import type { TRole } from "../domain/roles";
import { createDataSource, deleteDataSource, testDataSource, updateDataSource } from "./commands";
import { listDataSources, loadPrometheusSource } from "./queries";

vi.mock("server-only", () => ({}));

useTestDatabase("datasources");

const STAGE = { label: "track", values: { staging: "staging", canary: "canary", production: "stable" } };
const input = (over: Record<string, unknown> = {}) => ({ name: "Prod", url: "http://127.0.0.1:1", authKind: "none", timeoutMs: 2000, stageLabel: STAGE, ...over });

let team: Record<TRole, TActor>;
beforeAll(async () => {
  team = await makeTeam();
});

describe("data source commands", () => {
  it("lets only admins add one", async () => {
    for (const role of ["lead", "member", "viewer"] as const) {
      await expect(createDataSource(team[role], input())).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(await db().dataSource.count()).toBe(0);
  });

  it("stores the token but shows only that it is set", async () => {
    const view = await createDataSource(team.admin, input({ name: "Bearer", authKind: "bearer", bearerToken: "tok-123", extraHeaders: [{ name: "X-Scope-OrgID", value: "tenant-key" }] }));
    expect(view).toMatchObject({ name: "Bearer", authKind: "bearer", isSecretSet: true, extraHeaderNames: ["X-Scope-OrgID"] });
    const shown = JSON.stringify(await listDataSources());
    expect(shown).not.toContain("tok-123");
    expect(shown).not.toContain("tenant-key");
    const loaded = await loadPrometheusSource(view.id);
    expect(loaded?.target).toEqual({ url: "http://127.0.0.1:1", auth: { kind: "bearer", token: "tok-123" }, headers: [{ name: "X-Scope-OrgID", value: "tenant-key" }], timeoutMs: 2000 });
    expect(loaded?.stageLabel).toEqual(STAGE);
  });

  it("keeps a stored secret when an edit leaves it empty, and clears it when auth is switched off", async () => {
    const { id } = await createDataSource(team.admin, input({ name: "Basic", authKind: "basic", basicUsername: "grafana", basicPassword: "pw-1" }));
    await updateDataSource(team.admin, { ...input({ name: "Basic", authKind: "basic", basicUsername: "grafana2" }), id });
    expect(await db().dataSource.findUniqueOrThrow({ where: { id } })).toMatchObject({ basicUsername: "grafana2", basicPassword: "pw-1" });
    const view = await updateDataSource(team.admin, { ...input({ name: "Basic", authKind: "none" }), id });
    expect(view).toMatchObject({ authKind: "none", isSecretSet: false, basicUsername: null });
    expect(await db().dataSource.findUniqueOrThrow({ where: { id } })).toMatchObject({ basicUsername: null, basicPassword: null, bearerToken: null });
  });

  it("keeps the stored headers when an edit leaves them out, and clears them when told", async () => {
    const headers = [{ name: "X-Scope-OrgID", value: "tenant-key" }];
    const { id } = await createDataSource(team.admin, input({ name: "Headers", extraHeaders: headers }));
    await updateDataSource(team.admin, { ...input({ name: "Headers", timeoutMs: 5000 }), id });
    expect(await db().dataSource.findUniqueOrThrow({ where: { id } })).toMatchObject({ extraHeaders: headers, timeoutMs: 5000 });
    await updateDataSource(team.admin, { ...input({ name: "Headers", extraHeaders: [] }), id });
    expect(await db().dataSource.findUniqueOrThrow({ where: { id } })).toMatchObject({ extraHeaders: [] });
  });

  it("needs the secret of the chosen auth kind", async () => {
    await expect(createDataSource(team.admin, input({ name: "No token", authKind: "bearer" }))).rejects.toMatchObject({ code: "invalid_input", message: "bearerToken: Enter the token" });
    await expect(createDataSource(team.admin, input({ name: "No pw", authKind: "basic", basicUsername: "u" }))).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("refuses a second source with the same name", async () => {
    await createDataSource(team.admin, input({ name: "Twice" }));
    await expect(createDataSource(team.admin, input({ name: "Twice" }))).rejects.toMatchObject({ code: "conflict", message: 'A data source named "Twice" already exists.' });
  });

  it("removes one, once", async () => {
    const { id } = await createDataSource(team.admin, input({ name: "Gone" }));
    await expect(deleteDataSource(team.lead, id)).rejects.toMatchObject({ code: "forbidden" });
    await deleteDataSource(team.admin, id);
    await expect(deleteDataSource(team.admin, id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe.skipIf(isPrometheusMissing)("testing a saved data source", () => {
  let prometheus: TPrometheusServer;
  let proxy: Awaited<ReturnType<typeof startBearerProxy>>;
  beforeAll(async () => {
    prometheus = await startPrometheus([]);
    proxy = await startBearerProxy(prometheus.url, "stored-token");
  });
  afterAll(async () => {
    await proxy?.stop();
    await prometheus?.stop();
  });

  it("uses the stored token when the form leaves it empty, and the typed one when given", async () => {
    const { id } = await createDataSource(team.admin, input({ name: "Behind proxy", url: proxy.url, authKind: "bearer", bearerToken: "stored-token" }));
    const asTyped = input({ name: "Behind proxy", url: proxy.url, authKind: "bearer" });
    expect(await testDataSource(team.admin, { ...asTyped, id })).toMatchObject({ outcome: "ok", isOk: true });
    expect(await testDataSource(team.admin, { ...asTyped, id, bearerToken: "typo" })).toMatchObject({ outcome: "unauthorized" });
    // Unsaved settings: no stored token to fall back on.
    await expect(testDataSource(team.admin, asTyped)).rejects.toMatchObject({ code: "invalid_input" });
    await expect(testDataSource(team.lead, { ...asTyped, id })).rejects.toMatchObject({ code: "forbidden" });
  });
});
