// Where to go after signing in: the page the person asked for before they were sent to sign in (a
// deep link to a run's war room), never another site. Pure: the custom server stamps each request's
// own path on it (server.ts, REQUEST_PATH_HEADER), the page that needs a session turns it into
// `/sign-in?next=…`, and sign-in reads it back through `safeReturnPath`.

/** Set by server.ts from the request line itself (whatever a client sent under this name is replaced). */
export const REQUEST_PATH_HEADER = "x-warroom-request-path";

const BASE = "http://warroom.invalid";
/** Pages that make no sense to return to (or would loop). */
const NOT_A_DESTINATION = ["/sign-in", "/setup", "/set-password", "/api/"];

/**
 * A same-site path to return to ("/runs/abc?tab=x"), or null for anything else: another origin
 * ("//evil.example", "https://…", "/\\evil.example"), control characters, an API route, the auth pages.
 * Next's internal `_rsc` parameter is dropped.
 */
export function safeReturnPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2000 || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  if (NOT_A_DESTINATION.some((p) => url.pathname === p || url.pathname.startsWith(p.endsWith("/") ? p : `${p}/`))) return null;
  url.searchParams.delete("_rsc");
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path === "/" ? null : path;
}

/** The sign-in page, carrying where to go afterwards when there is somewhere worth returning to. */
export function signInPath(returnTo: string | null | undefined): string {
  const path = safeReturnPath(returnTo);
  return path ? `/sign-in?next=${encodeURIComponent(path)}` : "/sign-in";
}
