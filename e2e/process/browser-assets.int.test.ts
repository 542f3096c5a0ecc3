// What a browser fetches besides the page: the favicons, the home-screen icon and the web app
// manifest, served by the compiled server to someone signed out (no redirect to /sign-in), with the
// content types browsers insist on under `X-Content-Type-Options: nosniff`, and linked from the
// pages people pin: the stakeholder status page and the bridge screen.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../lib/db/embedded";
import { db } from "../../lib/db/client";
import { createShareLink } from "../../lib/share/server/share-links";
import { makeRun, makeTeam } from "../support/factories";
import { signInOverHttp } from "../support/http-sign-in";
import { useTestDatabase } from "../support/integration";
import { startServerProcess, type TServerProcess, waitUntilHealthy } from "../support/server-process";

const database = useTestDatabase("browser-assets");

let server: TServerProcess;
let baseUrl: string;
let statusPath: string;
let bridgePath: string;
let leadCookie: string;

beforeAll(async () => {
  const team = await makeTeam();
  const run = await makeRun(team.lead);
  statusPath = `/status/${(await createShareLink(team.lead, { runId: run.id, label: "pinned on a phone" })).token}`;
  bridgePath = `/runs/${run.id}/bridge`;
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = await startServerProcess({ DATABASE_URL: database.url(), AUTH_SECRET: "test-secret-test-secret-test-secret-0123", APP_URL: baseUrl }, port);
  await waitUntilHealthy(server);
  leadCookie = await signInOverHttp(baseUrl, (await db().user.findUniqueOrThrow({ where: { id: team.lead.id } })).email);
}, 120_000);

afterAll(async () => {
  // Graceful shutdown has its own test (server-process.int.test.ts); this database is dropped anyway.
  server?.child.kill("SIGKILL");
  await server?.exited;
});

const signedOut = (path: string) => fetch(`${baseUrl}${path}`, { redirect: "manual" });

/** Width and height from a PNG's IHDR chunk, which always comes first. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe("icons are served to anyone, with their own content type", () => {
  it.each([
    ["/apple-touch-icon.png", 180],
    ["/icon-192.png", 192],
    ["/icon-512.png", 512],
  ])("%s is a %i px square PNG", async (path, size) => {
    const response = await signedOut(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(pngSize(Buffer.from(await response.arrayBuffer()))).toEqual([size, size]);
  });

  it("/favicon.ico is an icon file", async () => {
    const response = await signedOut("/favicon.ico");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/x-icon");
    const bytes = Buffer.from(await response.arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon), then how many images it holds.
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
    expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);
  });

  it("/favicon.svg is an SVG image", async () => {
    const response = await signedOut("/favicon.svg");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(await response.text()).toContain("<svg");
  });
});

describe("the web app manifest", () => {
  it("names Warroom, opens standalone, and lists icons that are there", async () => {
    const response = await signedOut("/manifest.webmanifest");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/manifest+json");
    const manifest = (await response.json()) as { name: string; short_name: string; display: string; theme_color: string; background_color: string; icons: { src: string; sizes: string }[] };
    expect(manifest).toMatchObject({ name: "Warroom", short_name: "Warroom", display: "standalone" });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const icon of manifest.icons) expect((await signedOut(icon.src)).status, icon.src).toBe(200);
  });
});

describe("the pages people pin link them", () => {
  const expectLinked = (html: string) => {
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"');
    expect(html).toMatch(/<link rel="icon" href="\/favicon\.ico"/);
    expect(html).toMatch(/<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml"/);
    expect(html).toMatch(/<link rel="apple-touch-icon" href="\/apple-touch-icon\.png"/);
    expect(html).toContain('<meta name="apple-mobile-web-app-capable" content="yes"');
    expect(html).toContain('<meta name="mobile-web-app-capable" content="yes"');
  };

  it("the stakeholder status page, signed out", async () => {
    const response = await signedOut(statusPath);
    expect(response.status).toBe(200);
    expectLinked(await response.text());
  });

  it("the bridge screen, signed in", async () => {
    const response = await fetch(`${baseUrl}${bridgePath}`, { headers: { cookie: leadCookie }, redirect: "manual" });
    expect(response.status).toBe(200);
    expectLinked(await response.text());
  });
});
