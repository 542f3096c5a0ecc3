// How Warroom looks outside its pages: browser tab, home screen, task switcher. The colours are the
// app's own (Tailwind slate-900 of the header and sign-in screen, slate-50 of the page), the ones
// public/favicon.svg draws its mark in; app/layout.tsx and app/manifest.ts both read them from here.
export const APP_NAME = "Warroom";
export const APP_DESCRIPTION = "The screen a team runs a production deployment from.";
export const THEME_COLOR = "#0f172a";
export const BACKGROUND_COLOR = "#f8fafc";

/** Files in public/, rendered from favicon.svg; the manifest and every page's <head> point at them. */
export const APP_ICONS = {
  svg: "/favicon.svg",
  ico: "/favicon.ico",
  appleTouch: "/apple-touch-icon.png",
  png192: "/icon-192.png",
  png512: "/icon-512.png",
} as const;
