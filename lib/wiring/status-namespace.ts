// The /status namespace: sockets authenticated by a share link, never by a cookie. Such a socket can
// do one thing (follow its link's run) and receives one thing (that run's events, projected for
// stakeholders, plus notice that the link stopped working). The war room's commands are not even
// registered here, and the namespace's rooms are not the war room's.
import "server-only";
import type { Namespace, Socket } from "socket.io";
import { z } from "zod";
import { can } from "../domain/roles";
import { AppError, parseInput, toErrorResponse } from "../errors";
import { log } from "../log";
import {
  publicChartsRoomForRun,
  publicRoomForRun,
  roomForShareLink,
  STATUS_NAMESPACE,
  type TAckError,
  type TClientToServerEvents,
  type TInterServerEvents,
  type TServerToClientEvents,
  type TSocketData,
} from "../realtime/events";
import type { TIo } from "../realtime/server/io";
import { openShareLink } from "../share/server/access";
import { viewOf } from "../security/trusted-view";
import { admitStatusJoin } from "./command-gate";
import { LINK_INVALID, LINK_RATE_LIMITED } from "../share/protocol";
import { getPublicCharts, publicEventsAfter } from "../share/server/public-queries";
import { isShareLinkLive } from "../share/server/share-links";

type TStatusSocket = Socket<TClientToServerEvents, TServerToClientEvents, TInterServerEvents, TSocketData>;
type TStatusNamespace = Namespace<TClientToServerEvents, TServerToClientEvents, TInterServerEvents, TSocketData>;

/** The only events a status socket may send. */
export const STATUS_CLIENT_EVENTS = ["status:join"] as const;

const ZStatusJoin = z.strictObject({ afterSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0) });

// setTimeout holds at most ~24.8 days; longer expiries re-arm.
const MAX_TIMER_MS = 2_147_483_647;

function ackError(error: unknown): TAckError {
  return { error: toErrorResponse(error).body.error };
}

export function statusNamespace(io: TIo): TStatusNamespace {
  return io.of(STATUS_NAMESPACE);
}

export function registerStatusNamespace(io: TIo): TStatusNamespace {
  const nsp = statusNamespace(io);

  nsp.use(async (socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      // The handshake is an HTTP request like any other: its client address is the trusted view's.
      const access = await openShareLink(token, viewOf(socket.handshake.address, socket.handshake.headers).clientAddress);
      if (access.kind === "rate_limited") return next(new Error(LINK_RATE_LIMITED));
      if (access.kind === "invalid") return next(new Error(LINK_INVALID));
      socket.data.share = {
        linkId: access.link.id,
        runId: access.link.runId,
        expiresAt: access.link.expiresAt.toISOString(),
        includeCharts: access.link.includeCharts,
      };
      next();
    } catch (error) {
      log.warn("status link handshake failed", { message: (error as Error).message });
      next(new Error("unavailable"));
    }
  });

  nsp.on("connection", (socket: TStatusSocket) => {
    const share = socket.data.share!;
    void socket.join(roomForShareLink(share.linkId));
    const expiry = armExpiry(socket, Date.parse(share.expiresAt));
    socket.on("disconnect", () => clearTimeout(expiry.timer));

    socket.on("status:join", async (input, ack) => {
      const reply = typeof ack === "function" ? ack : () => undefined;
      try {
        // Each (re)join reads and replays: bounded per socket like the war room's.
        admitStatusJoin(socket.id);
        const { afterSeq } = parseInput(ZStatusJoin, input ?? {});
        if (!can("share_link", "status.read")) throw new AppError("forbidden", "Status links cannot read runs.");
        // Checked again on every (re)join: a link revoked while this socket was connecting stays dead.
        if (!(await isShareLinkLive(share.linkId, new Date()))) {
          socket.emit("status:revoked", { reason: "revoked" });
          socket.disconnect(true);
          return;
        }
        // Join before reading so an event committed in between arrives live; the page drops duplicates by seq.
        await socket.join(share.includeCharts ? [publicRoomForRun(share.runId), publicChartsRoomForRun(share.runId)] : publicRoomForRun(share.runId));
        const { events, isTruncated } = await publicEventsAfter(share.runId, afterSeq);
        if (isTruncated) throw new AppError("conflict", "Too many missed updates: reload the page.");
        // Chart points are not replayed one by one: a (re)join gets the charts afresh.
        const charts = share.includeCharts ? await getPublicCharts(share.runId) : null;
        reply({ data: { lastSeq: events.at(-1)?.seq ?? afterSeq, events, charts } });
      } catch (error) {
        reply(ackError(error));
      }
    });

    // Anything else a status socket sends is refused with an answer, never silently dropped.
    socket.onAny((event: string, ...args: unknown[]) => {
      if ((STATUS_CLIENT_EVENTS as readonly string[]).includes(event)) return;
      const ack = args.at(-1);
      if (typeof ack === "function") ack(ackError(new AppError("forbidden", "A status link is read-only.")));
    });
  });

  return nsp;
}

/** Disconnects the socket the moment its link expires (re-arming past setTimeout's range). */
function armExpiry(socket: TStatusSocket, expiresAtMs: number): { timer: NodeJS.Timeout } {
  const handle = { timer: undefined as unknown as NodeJS.Timeout };
  const arm = () => {
    const left = expiresAtMs - Date.now();
    if (left <= 0) {
      socket.emit("status:revoked", { reason: "expired" });
      socket.disconnect(true);
      return;
    }
    handle.timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    handle.timer.unref?.();
  };
  arm();
  return handle;
}
