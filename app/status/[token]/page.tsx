// /status/<token> – a stakeholder's read-only view of one run, no sign-in: the token is the only
// credential (authorized as a share-link holder); failed lookups are limited per client address.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { LinkInvalid } from "@/components/status/link-invalid";
import { StatusPage } from "@/components/status/status-page";
import { CLIENT_IP_HEADER } from "@/lib/auth/auth";
import { can } from "@/lib/domain/roles";
import { openShareLink } from "@/lib/share/server/access";
import { getPublicCharts, getPublicStatus } from "@/lib/share/server/public-queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Deployment status",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default async function StatusLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const access = await openShareLink(token, (await headers()).get(CLIENT_IP_HEADER) ?? "");
  if (access.kind === "rate_limited") return <LinkInvalid isRateLimited />;
  if (access.kind !== "ok" || !can("share_link", "status.read")) return <LinkInvalid />;
  const status = await getPublicStatus(access.link.runId);
  if (!status) return <LinkInvalid />;
  const charts = access.link.includeCharts ? await getPublicCharts(access.link.runId) : null;
  return <StatusPage initial={status} token={token} renderedAt={new Date().toISOString()} initialCharts={charts} />;
}
