// The authorization matrix (see authorization-matrix.int.test.ts) for the socket events of both namespaces:
// every caller kind against each; allowed callers succeed and write, the rest are refused with nothing changed.
import { describe, vi } from "vitest";
import { SOCKET_ENTRIES } from "./authorization-matrix/socket-entries";
import { itChecksEveryCaller } from "./authorization-matrix/check-entries";
import { useMatrixWorld } from "./authorization-matrix/world";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("./authorization-matrix/caller-request").then((m) => m.nextHeadersMock));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

useMatrixWorld("authz_matrix_sockets");

describe("the authorization matrix", () => itChecksEveryCaller(SOCKET_ENTRIES));
