import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES } from "./roles";

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
