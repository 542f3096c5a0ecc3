// Socket.IO's cluster adapters deliver a broadcast to this instance's own sockets only after they
// have published it to the others (ClusterAdapter.broadcast awaits the PostgreSQL NOTIFY, or the Redis
// XADD, then calls the in-memory broadcast). So every event a war room sees waited for a database
// round trip through the adapter's small pool first: on a busy machine that round trip was most of the
// fan-out's tail, and two broadcasts could even overtake each other on its three connections. Here
// the local sockets get the packet at once, in call order; the other instances get it after. A room
// with no socket here is not encoded for this instance at all.
import "server-only";
import type { ServerOptions } from "socket.io";
import { Adapter, MessageType, type BroadcastOptions } from "socket.io-adapter";
import { log } from "../../log";

type TAdapterFactory = NonNullable<ServerOptions["adapter"]>;
type TPacket = Parameters<Adapter["broadcast"]>[0];

/** What a cluster adapter (socket.io-adapter's ClusterAdapterWithHeartbeat) has beyond the in-memory one. */
type TClusterAdapterInstance = Adapter & {
  publishAndReturnOffset: (message: { type: MessageType; data: unknown }) => Promise<string>;
};

const deliverLocally = Adapter.prototype.broadcast;

/** `factory`'s adapters, each delivering to this instance's sockets before publishing to the others. */
export function localFirst(factory: TAdapterFactory): TAdapterFactory {
  // A plain function: Socket.IO calls the factory with `new`, and an object returned from it is the result.
  return function localFirstAdapter(this: unknown, nsp: unknown) {
    const adapter = new (factory as unknown as new (nsp: unknown) => TClusterAdapterInstance)(nsp);
    adapter.broadcast = (packet: TPacket, opts: BroadcastOptions) => {
      // The in-memory broadcast encodes the packet before it looks for recipients: a room nobody here
      // has joined (a run's status links, metric samples of a run no screen shows) costs nothing.
      const hasLocalAudience = opts.rooms.size === 0 || [...opts.rooms].some((room) => (adapter.rooms.get(room)?.size ?? 0) > 0);
      if (hasLocalAudience) deliverLocally.call(adapter, packet, opts);
      // Published even when no other instance is known yet: one starting up may not have been heard
      // from, and its sockets would miss the event (the heartbeat's node list lags behind).
      if (opts.flags?.local) return;
      // As ClusterAdapter encodes the options for the wire (rooms and exceptions as arrays).
      const data = { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags } };
      adapter.publishAndReturnOffset({ type: MessageType.BROADCAST, data }).catch((error: Error) => log.warn("socket adapter could not publish a broadcast", { message: error.message }));
    };
    return adapter;
  } as unknown as TAdapterFactory;
}
