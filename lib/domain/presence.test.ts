import { describe, expect, it } from "vitest";
import { presentUsers, rollCall, type TPresentSocket } from "./presence";

const lena = { id: "u1", name: "Lena Lead", role: "lead" as const };
const mo = { id: "u2", name: "Mo Member", role: "member" as const };
const tv = { id: "u3", name: "Bridge TV", role: "viewer" as const };

describe("presentUsers", () => {
  it("is empty for an empty room", () => {
    expect(presentUsers([])).toEqual([]);
  });

  it("collapses several tabs of one person and keeps each view once, war room first", () => {
    const sockets: TPresentSocket[] = [
      { user: lena, view: "bridge" },
      { user: lena, view: "war_room" },
      { user: lena, view: "war_room" },
    ];
    expect(presentUsers(sockets)).toEqual([{ userId: "u1", name: "Lena Lead", role: "lead", views: ["war_room", "bridge"] }]);
  });

  it("orders people by name", () => {
    const names = presentUsers([{ user: tv, view: "bridge" }, { user: mo, view: "war_room" }, { user: lena, view: "war_room" }]).map((p) => p.name);
    expect(names).toEqual(["Bridge TV", "Lena Lead", "Mo Member"]);
  });
});

describe("rollCall", () => {
  const holders = [
    { role: "deployment_lead", userId: "u1", userName: "Lena Lead" },
    { role: "qa", userId: "u2", userName: "Mo Member" },
  ];

  it("marks each role holder present only when they are in the war room", () => {
    const present = presentUsers([{ user: lena, view: "war_room" }, { user: mo, view: "bridge" }]);
    expect(rollCall(holders, present).map((h) => [h.role, h.isPresent])).toEqual([
      ["deployment_lead", true],
      ["qa", false],
    ]);
  });

  it("nobody is present in an empty room", () => {
    expect(rollCall(holders, []).every((h) => !h.isPresent)).toBe(true);
  });
});
