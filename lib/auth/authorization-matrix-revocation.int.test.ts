// The authorization matrix's revocation rows (see authorization-matrix.int.test.ts): every war-room
// socket event the server registers, on an admin's socket that stays open while the admin is demoted,
// signed out or disabled. Each must be refused (or the socket already gone), change nothing, and the
// socket must be dropped within 1 s. The status namespace is authenticated by links, not accounts:
// its revocation is the link's (lib/share/server/status-socket.ts).
import { describe, expect, it, vi } from "vitest";
import { discoveredMainEvents, REVOCATIONS, revocationRow, type TRevocation } from "./authorization-matrix/revocation-rows";
import { useMatrixWorld } from "./authorization-matrix/world";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("./authorization-matrix/caller-request").then((m) => m.nextHeadersMock));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

useMatrixWorld("authz_matrix_revocation");

describe("the authorization matrix on an open socket", () => {
  for (const revocation of Object.keys(REVOCATIONS) as TRevocation[]) {
    it(`every socket event ${revocation}`, { timeout: 600_000 }, async () => {
      const events = await discoveredMainEvents();
      expect(events.length).toBeGreaterThan(20);
      const actual: Record<string, string> = {};
      for (const event of events) actual[event] = await revocationRow(event, revocation);
      expect(actual).toEqual(Object.fromEntries(events.map((e) => [e, "refused"])));
    });
  }
});
