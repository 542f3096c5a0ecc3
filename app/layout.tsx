import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import "./globals.css";

// Every page is rendered per request, the 404 page included: the Content-Security-Policy's nonce is
// fresh per request (lib/security/http.ts), and a page prerendered at build time has none.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Warroom", template: "%s · Warroom" },
  description: "The screen a team runs a production deployment from.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
