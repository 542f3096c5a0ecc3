import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, type TActorKind, type TPermission } from "./roles";

describe("can", () => {
  it("lets only admins manage users", () => {
    expect(ROLES.filter((r) => can(r, "users.manage"))).toEqual(["admin"]);
  });

  it("never lets a viewer change anything", () => {
    const mutations = Object.keys(PERMISSIONS).filter((p) => !p.endsWith(".read")) as (keyof typeof PERMISSIONS)[];
    expect(mutations.length).toBeGreaterThan(0);
    for (const permission of mutations) expect(can("viewer", permission)).toBe(false);
  });

  it("lets members tick items but not control the run", () => {
    expect(can("member", "items.tick")).toBe(true);
    expect(can("member", "runs.control")).toBe(false);
    expect(can("lead", "runs.control")).toBe(true);
  });
});

describe("credentials that are not accounts", () => {
  it("give a share-link holder only the status page and a metric-token holder only ingestion", () => {
    const granted = (kind: TActorKind) => (Object.keys(PERMISSIONS) as TPermission[]).filter((p) => can(kind, p));
    expect(granted("share_link")).toEqual(["status.read"]);
    expect(granted("metric_token")).toEqual(["metrics.ingest"]);
    // The monitor is not an admin: it may judge the metrics and nothing else.
    expect(granted("monitor")).toEqual(["metrics.evaluate"]);
    // An API key reaches only what a pipeline does (runbooks as code: templates in and out); its
    // scopes narrow that per key.
    expect(granted("api_key")).toEqual(["templates.read", "templates.edit", "runs.read", "runs.create", "runs.control", "items.tick", "metrics.ingest", "comms.post", "locks.manage"]);
    // Overriding a lock or freeze is a person's written decision, never a pipeline's.
    expect(can("api_key", "guards.override")).toBe(false);
  });

  it("give no account role the status feed or ingestion (those need the link or the token)", () => {
    for (const role of ROLES) {
      expect(can(role, "status.read")).toBe(false);
      expect(can(role, "metrics.ingest")).toBe(false);
    }
  });
});
