"use client";
// The status page's small first client: it shows the server-rendered page (its children) and, once
// the page has loaded and the browser is idle, fetches the live client (status-page.tsx: the socket,
// the feed, the clock) which then takes over with the same view. A phone on a slow network paints and
// reads the page first; going live a moment later costs it no blocking time up front.
import { useEffect, useState, type ReactNode } from "react";
import type { StatusPage, TStatusPageProps } from "./status-page";

function whenIdle(start: () => void): () => void {
  let cancel = () => {};
  const idle = () => {
    if (typeof window.requestIdleCallback === "function") {
      const handle = window.requestIdleCallback(start, { timeout: 2000 });
      cancel = () => window.cancelIdleCallback(handle);
    } else {
      const handle = window.setTimeout(start, 200);
      cancel = () => window.clearTimeout(handle);
    }
  };
  if (document.readyState === "complete") idle();
  else {
    window.addEventListener("load", idle, { once: true });
    cancel = () => window.removeEventListener("load", idle);
  }
  return () => cancel();
}

export function StatusLive({ children, ...props }: TStatusPageProps & { children: ReactNode }) {
  const [Live, setLive] = useState<typeof StatusPage | null>(null);
  useEffect(() => {
    let isCancelled = false;
    const stop = whenIdle(() => {
      void import("./status-page").then((module) => {
        if (!isCancelled) setLive(() => module.StatusPage);
      });
    });
    return () => {
      isCancelled = true;
      stop();
    };
  }, []);
  return Live ? <Live {...props} /> : children;
}
