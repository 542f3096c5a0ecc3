// GET /manifest.webmanifest – what a browser needs to pin a page to a home screen or a wall display.
import type { MetadataRoute } from "next";
import { APP_DESCRIPTION, APP_ICONS, APP_NAME, BACKGROUND_COLOR, THEME_COLOR } from "@/lib/brand";

export default function manifest(): MetadataRoute.Manifest {
  return {
    name: APP_NAME,
    short_name: APP_NAME,
    description: APP_DESCRIPTION,
    // No start_url or scope: both then default to the page the manifest was found on, so a pinned
    // bridge screen or stakeholder status page (its token in the path) reopens itself, not the
    // sign-in page.
    display: "standalone",
    theme_color: THEME_COLOR,
    background_color: BACKGROUND_COLOR,
    icons: [
      { src: APP_ICONS.svg, sizes: "any", type: "image/svg+xml" },
      { src: APP_ICONS.png192, sizes: "192x192", type: "image/png" },
      { src: APP_ICONS.png512, sizes: "512x512", type: "image/png" },
    ],
  };
}
