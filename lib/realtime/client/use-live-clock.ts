"use client";
// What a live screen shows as "now" and whether it may still claim to be live: server time while the
// connection is alive; when it is lost, time held at the last message (countdowns stop) and how long
// ago that was, re-judged twice a second so the loss shows within 5 s.
import { useEffect, useState } from "react";
import { liveness, type TLiveness } from "../../domain/liveness";
import { getSocket } from "./client";
import { LinkMonitor } from "./link-monitor";
import { toServerTime, useServerNow } from "./server-clock";

const JUDGE_EVERY_MS = 500;

const shownAs = (l: TLiveness) => (l.state === "stale" ? `stale ${l.lastMessageAt} ${Math.floor(l.ageMs / 1000)}` : l.state);

export type TLiveClock = { now: Date; liveness: TLiveness };

function useLiveness(monitor: LinkMonitor | null): TLiveness {
  const [state, setState] = useState<TLiveness>({ state: "connecting" });
  useEffect(() => {
    if (!monitor) return;
    // Only a change of state or of the shown second re-renders the screen.
    const judge = () => setState((previous) => {
      const next = liveness(monitor.link, Date.now());
      return shownAs(next) === shownAs(previous) ? previous : next;
    });
    judge();
    const timer = setInterval(judge, JUDGE_EVERY_MS);
    const unsubscribe = monitor.subscribe(judge);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [monitor]);
  return state;
}

export function useLiveClock(renderedAt: string, monitor: LinkMonitor | null): TLiveClock {
  const state = useLiveness(monitor);
  const frozenAt = state.state === "stale" ? toServerTime(state.lastMessageAt) : null;
  const now = useServerNow(renderedAt, { frozenAt });
  return { now, liveness: state };
}

const monitors = new WeakMap<object, LinkMonitor>();

/** The live clock of a signed-in screen (war room, bridge), on the browser's one socket. */
export function useRunLiveClock(renderedAt: string): TLiveClock {
  const [monitor, setMonitor] = useState<LinkMonitor | null>(null);
  useEffect(() => {
    const socket = getSocket();
    let shared = monitors.get(socket);
    // One monitor for the page's one socket, for as long as the page lives.
    if (!shared) {
      shared = new LinkMonitor(socket);
      shared.start();
      monitors.set(socket, shared);
    }
    setMonitor(shared);
  }, []);
  return useLiveClock(renderedAt, monitor);
}
