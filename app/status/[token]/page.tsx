// /status/<token> – a stakeholder's read-only view of one run, no sign-in: the token is the only
// credential (authorized as a share-link holder); failed lookups are limited per client address.
// The page is rendered here in full; the live client loads after it (components/status/status-live.tsx).
import type { Metadata } from "next";
import { headers } from "next/headers";
import { LinkInvalid } from "@/components/status/link-invalid";
import { StatusLive } from "@/components/status/status-live";
import { StatusView } from "@/components/status/status-view";
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
  const renderedAt = new Date();
  return (
    <StatusLive initial={status} token={token} renderedAt={renderedAt.toISOString()} initialCharts={charts}>
      <StatusView status={status} connection="connecting" liveness={{ state: "connecting" }} charts={charts} now={renderedAt} renderedAt={renderedAt.toISOString()} />
    </StatusLive>
  );
}
