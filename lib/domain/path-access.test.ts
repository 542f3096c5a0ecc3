import { describe, expect, it } from "vitest";
import { bitsFor, firstBlocking, modeText, pathsToRoot, type TAccount } from "./path-access";

const POSTGRES: TAccount = { uid: 101, gids: [104, 103] };
const dir = (path: string, mode: number, uid = 0, gid = 0) => ({ path, mode, uid, gid });

describe("bitsFor", () => {
  it.each([
    ["owner bits for the owner", dir("/x", 0o750, 101, 0), 7],
    ["group bits for the primary group", dir("/x", 0o750, 0, 104), 5],
    ["group bits for a supplementary group", dir("/x", 0o710, 0, 103), 1],
    ["other bits for anyone else", dir("/x", 0o751, 0, 0), 1],
    ["owner bits win even when they give less", dir("/x", 0o077, 101, 104), 0],
  ])("%s", (_, entry, bits) => {
    expect(bitsFor(entry, POSTGRES)).toBe(bits);
  });

  it("root passes everything", () => {
    expect(bitsFor(dir("/root", 0o700, 5, 5), { uid: 0, gids: [0] })).toBe(7);
  });
});

describe("firstBlocking", () => {
  it("names the 0700 home on the way", () => {
    const dirs = [dir("/", 0o755), dir("/root", 0o700), dir("/root/warroom", 0o755), dir("/root/warroom/.data", 0o711)];
    expect(firstBlocking(dirs, POSTGRES)?.path).toBe("/root");
  });

  it("passes directories searchable by other (x without r is enough) and sticky /tmp", () => {
    expect(firstBlocking([dir("/", 0o755), dir("/tmp", 0o1777), dir("/tmp/w", 0o711)], POSTGRES)).toBeNull();
  });

  it("a directory of the postgres account's group that gives the group nothing blocks it", () => {
    expect(firstBlocking([dir("/", 0o755), dir("/srv", 0o705, 0, 104)], POSTGRES)?.path).toBe("/srv");
  });
});

describe("paths", () => {
  it("lists every directory from the root down", () => {
    expect(pathsToRoot("/root/warroom/.data")).toEqual(["/", "/root", "/root/warroom", "/root/warroom/.data"]);
    expect(pathsToRoot("/")).toEqual(["/"]);
  });

  it("writes modes as ls does", () => {
    expect(modeText(0o700)).toBe("drwx------");
    expect(modeText(0o755)).toBe("drwxr-xr-x");
    expect(modeText(0o1777)).toBe("drwxrwxrwx");
  });
});
