// Cutting a page's network the way a dropped Wi-Fi does, and restoring it: the browser goes offline
// and HTTP to the socket server (socket.io's polling fallback) fails until restored.
// (A half-open cut through page.routeWebSocket was tried: on this shared machine the routed
// reconnects never completed, so the heartbeat's silence rule is covered by lib/domain/liveness.test.ts.)
import type { BrowserContext } from "@playwright/test";

export type TNetworkCut = { cut: () => Promise<void>; restore: () => Promise<void> };

export async function installNetworkCut(context: BrowserContext): Promise<TNetworkCut> {
  let isCut = false;
  await context.route(/\/socket\.io\//, (route) => (isCut ? route.abort("internetdisconnected") : route.continue()));
  return {
    cut: async () => {
      isCut = true;
      await context.setOffline(true);
    },
    restore: async () => {
      isCut = false;
      await context.setOffline(false);
    },
  };
}
