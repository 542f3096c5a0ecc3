// The process's Socket.IO server, kept on globalThis so code bundled by Next (server actions,
// route handlers) can broadcast through the server that server.ts created.
import "server-only";
import type { Server } from "socket.io";
import type { TClientToServerEvents, TInterServerEvents, TServerToClientEvents, TSocketData } from "../events";

export type TIo = Server<TClientToServerEvents, TServerToClientEvents, TInterServerEvents, TSocketData>;

const store = globalThis as typeof globalThis & { __warroomIo?: TIo };

export function setIo(io: TIo | undefined): void {
  store.__warroomIo = io;
}

export function getIo(): TIo | undefined {
  return store.__warroomIo;
}
