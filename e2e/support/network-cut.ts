// Cutting a page's connection to the server the way a dropped Wi-Fi or a dead proxy does, and
// restoring it. `halfOpen` leaves the browser believing it is online and the socket open while nothing
// gets through either way (only the heartbeat's silence can tell); `offline` also takes the browser
// offline. Either way new connections and HTTP polling to the socket server fail until restored.
import type { BrowserContext } from "@playwright/test";

export type TNetworkCut = { cut: (how: "halfOpen" | "offline") => Promise<void>; restore: () => Promise<void> };

/** Must be installed before the page opens its socket. */
export async function installNetworkCut(context: BrowserContext): Promise<TNetworkCut> {
  let isCut = false;
  await context.routeWebSocket(/\/socket\.io\//, (page) => {
    if (isCut) {
      void page.close();
      return;
    }
    const server = page.connectToServer();
    page.onMessage((message) => {
      if (!isCut) server.send(message);
    });
    server.onMessage((message) => {
      if (!isCut) page.send(message);
    });
  });
  await context.route(/\/socket\.io\//, (route) => (isCut ? route.abort("internetdisconnected") : route.continue()));
  return {
    cut: async (how) => {
      isCut = true;
      if (how === "offline") await context.setOffline(true);
    },
    restore: async () => {
      isCut = false;
      await context.setOffline(false);
    },
  };
}
