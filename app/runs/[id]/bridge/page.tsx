// The bridge screen lives outside the (app) group: no header or nav on the TV, but still signed in.
import { notFound } from "next/navigation";
import { BridgeScreen } from "@/components/bridge/bridge-screen";
import { requirePageUser } from "@/lib/auth/current-user";
import { getRunSnapshot } from "@/lib/runs/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Bridge" };

export default async function BridgePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("runs.read");
  const { id } = await params;
  const snapshot = await getRunSnapshot(id);
  if (!snapshot) notFound();
  return <BridgeScreen initialSnapshot={snapshot} renderedAt={new Date().toISOString()} />;
}
