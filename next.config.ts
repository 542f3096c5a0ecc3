import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // server.ts (run by Node, outside Next's bundles) owns the HTTP server; Next only handles requests.
  typedRoutes: false,
  // One prom-client for server.ts and Next's bundles (lib/observability/metrics.ts keeps one registry).
  serverExternalPackages: ["prom-client"],
};

export default nextConfig;
