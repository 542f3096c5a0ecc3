// The tower on a TV: outside the (app) group like the bridge (no header or nav), still signed in.
import { TowerScreen } from "@/components/tower/tower-screen";
import { requirePageUser } from "@/lib/auth/current-user";
import { loadTowerBoard } from "@/lib/tower/board";

export const dynamic = "force-dynamic";
export const metadata = { title: "Now · TV" };

export default async function NowTvPage() {
  await requirePageUser("runs.read");
  const now = new Date();
  return <TowerScreen initial={await loadTowerBoard(now)} renderedAt={now.toISOString()} variant="tv" />;
}
