import { TowerScreen } from "@/components/tower/tower-screen";
import { requirePageUser } from "@/lib/auth/current-user";
import { loadTowerBoard } from "@/lib/tower/board";

export const dynamic = "force-dynamic";
export const metadata = { title: "Now" };

export default async function NowPage() {
  await requirePageUser("runs.read");
  const now = new Date();
  return <TowerScreen initial={await loadTowerBoard(now)} renderedAt={now.toISOString()} variant="desktop" />;
}
