import type { Metadata, Viewport } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { APP_DESCRIPTION, APP_ICONS, APP_NAME, THEME_COLOR } from "@/lib/brand";
import "./globals.css";

// Every page is rendered per request, the 404 page included: the Content-Security-Policy's nonce is
// fresh per request (lib/security/http.ts), and a page prerendered at build time has none.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: APP_NAME, template: `%s · ${APP_NAME}` },
  description: APP_DESCRIPTION,
  // The manifest link comes from app/manifest.ts.
  icons: {
    icon: [
      { url: APP_ICONS.ico, sizes: "32x32" },
      { url: APP_ICONS.svg, type: "image/svg+xml" },
    ],
    apple: { url: APP_ICONS.appleTouch, sizes: "180x180" },
  },
  // Pinned to a home screen, the bridge screen and the stakeholder status page open full-screen,
  // without the browser's bars.
  appleWebApp: { capable: true, title: APP_NAME, statusBarStyle: "black" },
  // Next writes only the unprefixed mobile-web-app-capable; Safari before iOS 16.4 (which ignores
  // the manifest's display) still needs Apple's own name for it.
  other: { "apple-mobile-web-app-capable": "yes" },
};

export const viewport: Viewport = { themeColor: THEME_COLOR };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
